package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirCommitTest.bits;
import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static io.tanpopo.store.maildir.MaildirStoreTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.store.CommitResult;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reuse of a remembered listing ({@link ListingStamp}): directory mtimes are set explicitly
 * around a fixed clock, so that "old enough" and "same clock tick" need no waiting.
 */
class MaildirListingReuseTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final FileTime OLD = FileTime.from(NOW.minusSeconds(60));
    private static final FileTime RECENT = FileTime.from(NOW.minusMillis(500));

    @TempDir
    Path dir;

    private TestMaildir md;
    private MaildirStore store;

    @BeforeEach
    void setUp() {
        md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.putCur("2.M2.h:2,S", "two\n");
        md.putCur("3.M3.h:2,S", "three\n");
        store = new MaildirStore(
                MaildirConfig.of(md.template()), new SystemFileOps(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void dirTimes(FileTime time) throws IOException {
        Files.setLastModifiedTime(md.root.resolve("cur"), time);
        Files.setLastModifiedTime(md.root.resolve("new"), time);
    }

    private List<String> uids() {
        try (Maildrop maildrop = open(store, "alice")) {
            return maildrop.messages().stream().map(MessageInfo::uid).toList();
        }
    }

    /** A change that the directory mtimes do not show (only possible within one clock tick). */
    private void sneakIntoCur(String name, FileTime dirTime) throws IOException {
        md.putCur(name, "sneaked\n");
        dirTimes(dirTime);
    }

    @Test
    void unchangedOldDirectories_reuseTheListing_withoutReadingThem() throws Exception {
        dirTimes(OLD);
        assertThat(uids()).containsExactly("1.M1.h", "2.M2.h", "3.M3.h");
        sneakIntoCur("4.M4.h:2,", OLD);
        assertThat(uids())
                .as("reused: the unchanged stamp hides the file")
                .containsExactly("1.M1.h", "2.M2.h", "3.M3.h");
    }

    @Test
    void deliveryAfterACachedListing_changesNewMtime_andIsListed() throws Exception {
        dirTimes(OLD);
        assertThat(uids()).hasSize(3);
        md.deliver("4.M4.h", "four\n");
        Files.setLastModifiedTime(md.root.resolve("new"), FileTime.from(NOW.minusSeconds(59)));
        assertThat(uids()).containsExactly("1.M1.h", "2.M2.h", "3.M3.h", "4.M4.h");
    }

    @Test
    void deliveryInTheSameSecond_isListed_becauseARecentMtimeIsNeverTrusted() throws Exception {
        dirTimes(RECENT);
        assertThat(uids()).hasSize(3);
        sneakIntoCur("4.M4.h:2,", RECENT);
        assertThat(uids()).containsExactly("1.M1.h", "2.M2.h", "3.M3.h", "4.M4.h");
    }

    @Test
    void settled_onlyWhenEveryMtimeIsAtLeastTwoSecondsOld() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        dirTimes(FileTime.from(NOW.minusMillis(ListingStamp.SETTLE_MILLIS)));
        assertThat(settled(clock)).isTrue();
        Files.setLastModifiedTime(
                md.root.resolve("new"), FileTime.from(NOW.minusMillis(ListingStamp.SETTLE_MILLIS - 1)));
        assertThat(settled(clock)).isFalse();
        Files.setLastModifiedTime(md.root.resolve("new"), FileTime.from(NOW.plusSeconds(5)));
        assertThat(settled(clock)).as("mtime ahead of us").isFalse();
    }

    private boolean settled(Clock clock) throws Exception {
        try (MaildirHandles maildir = MaildirHandles.open(md.root, false)) {
            return ListingStamp.take(maildir, null, clock).settled();
        }
    }

    @Test
    void fileRemovedByAnotherProgramWhileCached_retrFailsForIt_commitSucceeds() throws Exception {
        dirTimes(OLD);
        assertThat(uids()).hasSize(3);
        Files.delete(md.root.resolve("cur/2.M2.h:2,S"));
        dirTimes(OLD); // as if in the same tick: the stamp does not show it
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.messages()).hasSize(3);
            assertThatThrownBy(() -> maildrop.openMessage(1)).isInstanceOf(NoSuchFileException.class);
            assertThat(read(maildrop, 2)).isEqualTo("three\n");
            assertThat(maildrop.commit(bits(1, 2), new BitSet())).isEqualTo(new CommitResult.Committed(1));
        }
        assertThat(md.bases()).containsExactly("1.M1.h");
    }

    @Test
    void ourOwnCommit_forgetsTheListing_evenWhenTheMtimesLookUnchanged() throws Exception {
        dirTimes(OLD);
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.commit(bits(1), new BitSet())).isEqualTo(new CommitResult.Committed(1));
        }
        dirTimes(OLD);
        assertThat(uids()).containsExactly("1.M1.h", "3.M3.h");
    }

    @Test
    void dovecotStyle_rescansWhenTheUidlistChanges() throws Exception {
        store = new MaildirStore(
                MaildirConfig.of(md.template()).withUidl(UidlStyle.DOVECOT),
                new SystemFileOps(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Path uidlist = md.root.resolve(DovecotUidList.NAME);
        Files.writeString(uidlist, "3 V1234 N4 G0\n1 :1.M1.h\n2 :2.M2.h\n3 :3.M3.h\n");
        Files.setLastModifiedTime(uidlist, OLD);
        dirTimes(OLD);
        assertThat(uids()).containsExactly("00000001000004d2", "00000002000004d2", "00000003000004d2");
        Files.writeString(uidlist, "3 V1234 N4 G0\n1 :1.M1.h\n2 POLD-2 :2.M2.h\n3 :3.M3.h\n");
        Files.setLastModifiedTime(uidlist, FileTime.fromMillis(OLD.toMillis() + 1_000));
        assertThat(uids()).containsExactly("00000001000004d2", "OLD-2", "00000003000004d2");
    }
}
