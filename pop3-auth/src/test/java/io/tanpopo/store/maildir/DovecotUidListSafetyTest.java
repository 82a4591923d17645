package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing {@code dovecot-uidlist} with Dovecot's lock, and reading it safely from a maildir whose
 * owner may be hostile.
 */
class DovecotUidListSafetyTest {

    private static final String LIST = "3 V1234 N2 G0123456789abcdef0123456789abcdef\n1 :1.M1.h\n";

    @TempDir
    Path dir;

    private TestMaildir md;
    private MaildirStore store;

    @BeforeEach
    void maildir() throws Exception {
        md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        store = new MaildirStore(MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT));
    }

    private List<String> uids() {
        try (Maildrop maildrop = open(store, "alice")) {
            return maildrop.messages().stream().map(MessageInfo::uid).toList();
        }
    }

    private Path list() {
        return md.root.resolve(DovecotUidList.NAME);
    }

    @Test
    void lockHeldByAnother_leavesNewMessagesOut_untilItIsReleased() throws Exception {
        Files.writeString(list(), LIST);
        Path lock = Files.writeString(md.root.resolve(UidListLock.NAME), "");
        assertThat(uids()).containsExactly("00000001000004d2");
        assertThat(Files.readString(list())).isEqualTo(LIST);
        Files.delete(lock);
        assertThat(uids()).as("not a remembered listing").containsExactly("00000001000004d2", "00000002000004d2");
        assertThat(Files.readString(list()))
                .isEqualTo("3 V1234 N3 G0123456789abcdef0123456789abcdef\n1 :1.M1.h\n2 :2.M2.h\n");
    }

    @Test
    void staleLock_isTakenOver_asDovecotDoes() throws Exception {
        Files.writeString(list(), LIST);
        FileTime old = FileTime.from(Instant.now().minus(UidListLock.STALE).minusSeconds(10));
        Files.setLastModifiedTime(list(), old);
        Path lock = Files.writeString(md.root.resolve(UidListLock.NAME), "half written by a crashed process");
        Files.setLastModifiedTime(lock, old);
        assertThat(uids()).containsExactly("00000001000004d2", "00000002000004d2");
        assertThat(lock).doesNotExist();
        assertThat(Files.readString(list())).endsWith("\n2 :2.M2.h\n");
    }

    @Test
    void lockWhileTheListJustChanged_isNotStale() throws Exception {
        Files.writeString(list(), LIST); // modified now: its writer may still be at work
        Path lock = Files.writeString(md.root.resolve(UidListLock.NAME), "");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(uids()).containsExactly("00000001000004d2");
        assertThat(lock).exists();
    }

    @Test
    @RequiresProgram(value = "mkfifo", debianPackage = "coreutils")
    void fifoAsUidlist_neitherHangsNorIsRead_andFileNamesAreServed() throws Exception {
        assertThat(new ProcessBuilder("mkfifo", list().toString()).start().waitFor())
                .isZero();
        List<String> uids = assertTimeoutPreemptively(Duration.ofSeconds(20), this::uids);
        assertThat(uids).containsExactly("1.M1.h", "2.M2.h");
        assertThat(md.root.resolve(UidListLock.NAME)).doesNotExist();
    }

    @Test
    void symlinkAsUidlist_isNotFollowed_norReplaced() throws Exception {
        Path target = Files.writeString(dir.resolve("elsewhere"), LIST);
        Files.createSymbolicLink(list(), target);
        assertThat(uids()).containsExactly("1.M1.h", "2.M2.h");
        assertThat(Files.isSymbolicLink(list())).isTrue();
        assertThat(Files.readString(target)).isEqualTo(LIST);
    }

    @Test
    void uidlistLargerThanTheLimit_isIgnored_notRead() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(list().toFile(), "rw")) {
            file.write(LIST.getBytes(StandardCharsets.UTF_8));
            file.setLength(DovecotUidList.MAX_BYTES + 1L); // sparse: costs no disk
        }
        assertThat(uids()).containsExactly("1.M1.h", "2.M2.h");
        assertThat(Files.size(list())).isEqualTo(DovecotUidList.MAX_BYTES + 1L);
    }

    @Test
    void versionOneList_isRead_butNeverRewritten() throws Exception {
        String v1 = "1 1234 2\n1 1.M1.h\n";
        Files.writeString(list(), v1);
        assertThat(uids()).containsExactly("00000001000004d2", "2.M2.h");
        assertThat(Files.readString(list())).isEqualTo(v1);
    }

    @Test
    void unusableFormat_isRefusedAtStart_withTheKeyAndTheVariable() {
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withUidlFormat("%08Xu%m"))
                .hasMessageContaining("store.maildir.uidl-format")
                .hasMessageContaining("%m");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withUidlFormat("%{hostname}"))
                .hasMessageContaining("%{hostname}");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withUidlFormat("%08x"))
                .hasMessageContaining("%x");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withUidlFormat("%08X"))
                .hasMessageContaining("ends");
        assertThatThrownBy(() -> MaildirConfig.of("/x/{user}").withUidlFormat(""))
                .hasMessageContaining("store.maildir.uidl-format");
    }
}
