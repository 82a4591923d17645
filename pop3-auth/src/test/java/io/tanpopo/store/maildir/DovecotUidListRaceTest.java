package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dovecot's LDA and tanpopo numbering messages in one {@code dovecot-uidlist} at the same time:
 * the lock keeps every UID unique and ascending, and Dovecot and tanpopo end up serving the same
 * unique-ids, with nothing in Dovecot's log.
 */
@RequiresProgram(value = ExternalTools.LDA, debianPackage = "dovecot-core")
@RequiresProgram(value = DovecotPop3.POP3, debianPackage = "dovecot-pop3d")
@RequiresProgram(value = "/usr/bin/mdeliver", debianPackage = "mblaze")
@RequiresProgram(value = "/usr/bin/setpriv", debianPackage = "util-linux")
class DovecotUidListRaceTest {

    private static final int ROUNDS = 40;

    @TempDir
    Path dir;

    @Test
    void ldaAndTanpopo_numberingAtOnce_giveUniqueUids_andTheSameUidls() throws Exception {
        TestMaildir md = TestMaildir.create(dir.resolve("mail"), "alice");
        ExternalTools tools = new ExternalTools(dir, md.root);
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT));
        CompletableFuture<Void> dovecot = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                String message = "From: lda@example.org\nSubject: " + i + "\n\nvia Dovecot\n";
                run(() -> tools.lda(message));
            }
        });
        for (int i = 0; i < ROUNDS; i++) {
            tools.mdeliver(md.root, "From: m@example.org\nSubject: " + i + "\n\nvia mdeliver\n");
            try (Maildrop maildrop = open(store, "alice")) {
                assertThat(maildrop.messages()).isNotEmpty();
            }
        }
        dovecot.get(120, TimeUnit.SECONDS);

        List<String> ours;
        try (Maildrop maildrop = open(store, "alice")) {
            ours = maildrop.messages().stream().map(MessageInfo::uid).toList();
        }
        assertThat(ours).hasSize(2 * ROUNDS).doesNotHaveDuplicates();
        List<Long> uids = new ArrayList<>();
        for (String line :
                Files.readAllLines(md.root.resolve(DovecotUidList.NAME)).subList(1, 2 * ROUNDS + 1)) {
            uids.add(Long.parseLong(line.split(" ")[0]));
        }
        assertThat(uids)
                .as("ascending, no gaps")
                .isEqualTo(LongStream.rangeClosed(1, 2 * ROUNDS).boxed().toList());
        DovecotPop3 pop3 = new DovecotPop3(Files.createDirectories(dir.resolve("pop3")), md.root);
        assertThat(pop3.uidls(UidlFormat.DEFAULT)).containsExactlyElementsOf(ours);
        assertThat(pop3.log() + Files.readString(dir.resolve("dovecot.log")))
                .doesNotContainIgnoringCase("corrupt")
                .doesNotContain("Error", "Warning");
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void run(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
