package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.store.maildir.UidlStyle;
import io.tanpopo.testsupport.DovecotDaemon;
import io.tanpopo.testsupport.MailUser;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A migration as a site lives it: Dovecot serves a maildir while a real client polls in keep mode;
 * then tanpopo ({@code store.maildir.uidl=dovecot} with Dovecot's {@code pop3_uidl_format})
 * serves it at the same address; then Dovecot again. Mail is delivered between polls, by
 * Dovecot's LDA while Dovecot serves (Dovecot numbers it at delivery) and by mblaze's mdeliver
 * while tanpopo serves (tanpopo numbers it). A client must download each message once: per poll, 20, +3 | +3, +0, +2 | +1.
 */
@RequiresProgram(value = "/usr/sbin/dovecot", debianPackage = "dovecot-core")
@RequiresProgram(value = "/usr/lib/dovecot/pop3", debianPackage = "dovecot-pop3d")
@RequiresProgram(value = "/usr/bin/mdeliver", debianPackage = "mblaze")
@RequiresProgram(value = "/usr/lib/dovecot/dovecot-lda", debianPackage = "dovecot-core")
@RequiresProgram(value = "/usr/bin/setpriv", debianPackage = "util-linux")
class MigrationSwitchTest {

    private static final List<Long> WANTED = List.of(20L, 3L, 3L, 0L, 2L, 1L);

    @TempDir
    Path dir;

    private int delivered;

    @ParameterizedTest
    @ValueSource(strings = {"%08Xu%08Xv", "%v.%u", "%f"})
    @RequiresProgram(value = "mpop", debianPackage = "mpop")
    void mpop_downloadsEachMessageOnce_acrossBothSwitches(String format) throws Exception {
        assertThat(polls(PollingClient.MPOP, format)).isEqualTo(WANTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%08Xu%08Xv", "%u"})
    @RequiresProgram(value = "fetchmail", debianPackage = "fetchmail")
    void fetchmail_downloadsEachMessageOnce_acrossBothSwitches(String format) throws Exception {
        assertThat(polls(PollingClient.FETCHMAIL, format)).isEqualTo(WANTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%08Xu%08Xv", "%v.%u"})
    @RequiresProgram(value = "getmail", debianPackage = "getmail6")
    void getmail_downloadsEachMessageOnce_acrossBothSwitches(String format) throws Exception {
        assertThat(polls(PollingClient.GETMAIL, format)).isEqualTo(WANTED);
    }

    /** Downloads per poll, Dovecot | tanpopo | Dovecot. */
    private List<Long> polls(PollingClient client, String format) throws Exception {
        Path maildir = dir.resolve("alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        MailUser.giveToMailUser(dir.resolve("alice"));
        Path clientDir = Files.createDirectories(dir.resolve("client"));
        MaildirConfig config = MaildirConfig.of(dir + "/{user}/Maildir")
                .withUidl(UidlStyle.DOVECOT)
                .withUidlFormat(format);
        List<Long> downloads = new ArrayList<>();
        try (SwitchProxy proxy = new SwitchProxy();
                DovecotDaemon dovecot =
                        new DovecotDaemon(Files.createDirectories(dir.resolve("dovecot")), maildir, format);
                Pop3Server tanpopo = Pop3Server.builder()
                        .user("alice", DovecotDaemon.PASSWORD)
                        .store(new MaildirStore(config))
                        .start()) {
            client.configure(clientDir, proxy.port());
            Counter counter = new Counter(client, clientDir, downloads);
            proxy.switchTo(dovecot.port());
            deliver(dovecot.lda(), 20);
            counter.poll();
            deliver(dovecot.lda(), 3);
            counter.poll();
            proxy.switchTo(tanpopo.port());
            long dovecotLogins = dovecot.logins();
            List<String> mdeliver = MailUser.asMailUser(dir, "/usr/bin/mdeliver", maildir.toString());
            deliver(mdeliver, 3);
            counter.poll();
            counter.poll();
            deliver(mdeliver, 2);
            counter.poll();
            assertThat(dovecot.logins())
                    .as("logins to Dovecot while tanpopo serves")
                    .isEqualTo(dovecotLogins);
            proxy.switchTo(dovecot.port());
            deliver(dovecot.lda(), 1);
            counter.poll();
            assertThat(dovecot.logs())
                    .doesNotContainIgnoringCase("corrupt")
                    .doesNotContain("Error:", "Warning:", "Panic:");
        }
        return downloads;
    }

    /** Delivers {@code count} messages with {@code program} (reading the message on its input). */
    private void deliver(List<String> program, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            delivered++;
            Path message = Files.writeString(
                    dir.resolve("message"),
                    "From: sender@example.org\nSubject: " + delivered + "\n\n"
                            + (delivered % 2 == 0 ? ".a line with a dot\n" : "bare\nline feeds\n"));
            Process deliver = new ProcessBuilder(program)
                    .redirectInput(message.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mdeliver.out").toFile())
                    .start();
            assertThat(deliver.waitFor(30, TimeUnit.SECONDS))
                    .as("%s finishes", program)
                    .isTrue();
            assertThat(deliver.exitValue())
                    .as("%s: %s", program, Files.readString(dir.resolve("mdeliver.out")))
                    .isZero();
        }
    }

    /** Polls and records how many messages each poll downloaded. */
    private record Counter(PollingClient client, Path dir, List<Long> downloads) {
        void poll() throws Exception {
            long before = downloads.stream().mapToLong(Long::longValue).sum();
            downloads.add(client.poll(dir) - before);
        }
    }
}
