package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.auth.Account;
import io.tanpopo.store.CrlfSize;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.OpenResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirStoreTest {

    static final String DOT_LINE = "Subject: dots\r\n\r\n.starts with a dot\r\n..two\r\n";
    static final String BARE_LF = "Subject: lf\n\nbare\nline feeds\n";
    static final byte[] EIGHT_BIT = {'S', ':', ' ', (byte) 0xE9, '\n', '\n', (byte) 0xFF, 'x'};

    @TempDir
    Path dir;

    static Maildrop open(MaildirStore store, String user) {
        OpenResult result = store.open(Account.named(user));
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) result).maildrop();
    }

    static String read(Maildrop maildrop, int index) throws Exception {
        try (InputStream in = maildrop.openMessage(index)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void messages_sizesAreCrlfSizesOfContent_inDeliveryOrder() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver(TestMaildir.name(300, 1), EIGHT_BIT);
        md.deliver(TestMaildir.name(100, 1), BARE_LF);
        md.putCur(TestMaildir.name(200, 1) + ":2,S", DOT_LINE);

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.messages())
                    .containsExactly(
                            new MessageInfo(
                                    CrlfSize.of(BARE_LF.getBytes(StandardCharsets.UTF_8)), TestMaildir.name(100, 1)),
                            new MessageInfo(
                                    CrlfSize.of(DOT_LINE.getBytes(StandardCharsets.UTF_8)), TestMaildir.name(200, 1)),
                            new MessageInfo(CrlfSize.of(EIGHT_BIT), TestMaildir.name(300, 1)));
            assertThat(maildrop.messages().get(0).size()).isEqualTo(BARE_LF.length() + 4);
            assertThat(read(maildrop, 0)).isEqualTo(BARE_LF);
            assertThat(read(maildrop, 1)).isEqualTo(DOT_LINE);
            assertThat(read(maildrop, 2).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(EIGHT_BIT);
        }
    }

    @Test
    void messages_sizeFromCommaW_isTrustedWithoutReading() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1000.M1P1.host,S=5,W=4242", "hello");
        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.messages()).extracting(MessageInfo::size).containsExactly(4242L);
        }
    }

    @Test
    void messages_ignoreTmpDotFilesDirectoriesSymlinksAndOddNames() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver(TestMaildir.name(1, 1), "real\n");
        Files.writeString(md.root.resolve("tmp").resolve(TestMaildir.name(2, 1)), "in tmp\n");
        Files.writeString(md.root.resolve("new").resolve(".hidden"), "dot\n");
        Files.createDirectory(md.root.resolve("cur").resolve("3.M1.dir"));
        Files.writeString(md.root.resolve("cur").resolve("4.M1.ctl\u0001x"), "control\n");
        Path secret = Files.writeString(dir.resolve("secret"), "outside the maildir\n");
        Files.createSymbolicLink(md.root.resolve("new").resolve("5.M1.link"), secret);

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.messages()).extracting(MessageInfo::uid).containsExactly(TestMaildir.name(1, 1));
        }
    }

    @Test
    void openMessage_afterRenameByAnotherProcess_findsItByBaseName() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        String name = TestMaildir.name(1, 1);
        md.deliver(name, BARE_LF);
        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            Files.move(
                    md.root.resolve("new").resolve(name), md.root.resolve("cur").resolve(name + ":2,RS"));
            assertThat(read(maildrop, 0)).isEqualTo(BARE_LF);
            Files.delete(md.root.resolve("cur").resolve(name + ":2,RS"));
            assertThatThrownBy(() -> maildrop.openMessage(0)).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void open_unsafeUserNames_neverReachTheFileSystem() {
        TestMaildir.create(dir, "alice");
        MaildirStore store = new MaildirStore(MaildirConfig.of(dir + "/{user}"));
        for (String user : List.of(
                "../alice", "a/b", "..", ".alice", "a\u0000b", "a\nb", "a..b", "\u00e9", "a b", "x".repeat(256))) {
            assertThat(store.open(Account.named(user))).as(user).isInstanceOf(OpenResult.Failed.class);
        }
    }

    @Test
    void open_homePlaceholderWithoutHome_fails() {
        MaildirStore store = new MaildirStore(MaildirConfig.of("{home}/Maildir"));
        OpenResult result = store.open(Account.named("alice"));
        assertThat(result).isInstanceOf(OpenResult.Failed.class);
        assertThat(((OpenResult.Failed) result).reason()).contains("{home}", "alice");
    }

    @Test
    void open_homePlaceholder_usesAccountHome() {
        TestMaildir md = TestMaildir.create(dir, "Maildir");
        md.deliver(TestMaildir.name(1, 1), "x\n");
        MaildirStore store = new MaildirStore(MaildirConfig.of("{home}/Maildir"));
        OpenResult result = store.open(new Account("bob", Optional.of(dir), Map.of()));
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        ((OpenResult.Opened) result).maildrop().close();
    }

    @Test
    void open_missingOrBrokenMaildir_isUnavailableNamingThePath() throws Exception {
        MaildirStore store = new MaildirStore(MaildirConfig.of(dir + "/{user}"));
        OpenResult missing = store.open(Account.named("nobody"));
        assertThat(missing).isInstanceOf(OpenResult.Unavailable.class);
        assertThat(((OpenResult.Unavailable) missing).reason())
                .contains(dir.resolve("nobody").toString());

        Files.createDirectories(dir.resolve("half").resolve("new"));
        assertThat(store.open(Account.named("half"))).isInstanceOf(OpenResult.Unavailable.class);
    }

    @Test
    void config_badValues_nameTheKey() {
        assertThatThrownBy(() -> MaildirConfig.of("relative/{user}")).hasMessageContaining("store.maildir.path");
        assertThatThrownBy(() -> MaildirConfig.of("/var/mail/fixed")).hasMessageContaining("store.maildir.path");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{usr}")).hasMessageContaining("{usr}");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{home}")).hasMessageContaining("{home}");
        assertThatThrownBy(() -> MaildirConfig.of("/x/../{user}")).hasMessageContaining("..");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withUidl(null))
                .hasMessageContaining("store.maildir.uidl");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withSizeCacheEntries(-1))
                .hasMessageContaining("store.maildir.size-cache-entries");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withLock((io.tanpopo.store.LockMode) null))
                .hasMessageContaining("store.maildir.lock");
        assertThat(MaildirConfig.of("/x/{user}"))
                .isEqualTo(new MaildirConfig(
                        "/x/{user}",
                        UidlStyle.FILENAME,
                        false,
                        io.tanpopo.store.LockMode.TAKEOVER,
                        200_000,
                        UidlFormat.parse("%08Xu%08Xv"),
                        false));
    }

    @Test
    void config_withMethods_keepEveryOtherComponent() {
        MaildirConfig all = MaildirConfig.of("/x/{user}")
                .withUidl(UidlStyle.DOVECOT)
                .withMarkSeen(true)
                .withLock(io.tanpopo.store.LockMode.EXCLUSIVE)
                .withSizeCacheEntries(7)
                .withUidlFormat("%u")
                .withFollowRootSymlink(true);
        assertThat(all)
                .isEqualTo(new MaildirConfig(
                        "/x/{user}",
                        UidlStyle.DOVECOT,
                        true,
                        io.tanpopo.store.LockMode.EXCLUSIVE,
                        7,
                        UidlFormat.parse("%u"),
                        true));
        assertThat(List.of(
                        all.withUidl(UidlStyle.DOVECOT),
                        all.withMarkSeen(true),
                        all.withLock(io.tanpopo.store.LockMode.EXCLUSIVE),
                        all.withSizeCacheEntries(7),
                        all.withUidlFormat("%u"),
                        all.withFollowRootSymlink(true)))
                .as("each keeps the others")
                .containsOnly(all);
    }
}
