package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.CommitResult;
import io.tanpopo.store.Maildrop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirCommitTest {

    @TempDir
    Path dir;

    static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int i : indexes) {
            bits.set(i);
        }
        return bits;
    }

    @Test
    void commit_deletesMarked_movesNewToCurWithInfo_likeQmailPop3d() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        md.putCur("3.M3.h:2,F", "three\n");
        md.putCur("4.M4.h:2,", "four\n");

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.commit(bits(0, 3), bits(1, 2))).isEqualTo(new CommitResult.Committed(2));
        }
        assertThat(md.names("new")).isEmpty();
        assertThat(md.names("cur")).containsExactly("2.M2.h:2,", "3.M3.h:2,F");
    }

    @Test
    void commit_withMarkSeen_addsSToRetrieved_keepingFlagsSorted() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        md.putCur("3.M3.h:2,FT", "three\n");
        md.putCur("4.M4.h:2,RS", "four\n");

        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withMarkSeen(true));
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.commit(new BitSet(), bits(0, 2, 3))).isEqualTo(new CommitResult.Committed(0));
        }
        assertThat(md.names("cur")).containsExactly("1.M1.h:2,S", "2.M2.h:2,", "3.M3.h:2,FST", "4.M4.h:2,RS");
    }

    @Test
    void commit_whenEveryMessageIsInPlace_renamesOnlyThoseMarkedSeenNow() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.putCur("1.M1.h:2,", "one\n");
        md.putCur("2.M2.h:2,S", "two\n");
        md.putCur("3.M3.h:2,F", "three\n");
        md.putCur("4.M4.h:2,FS", "four\n");

        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withMarkSeen(true));
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.commit(new BitSet(), bits(0, 1, 3))).isEqualTo(new CommitResult.Committed(0));
        }
        assertThat(md.names("cur")).containsExactly("1.M1.h:2,S", "2.M2.h:2,S", "3.M3.h:2,F", "4.M4.h:2,FS");
        try (Maildrop maildrop = open(store, "alice")) {
            assertThat(maildrop.commit(new BitSet(), bits(2))).isEqualTo(new CommitResult.Committed(0));
        }
        assertThat(md.names("cur")).containsExactly("1.M1.h:2,S", "2.M2.h:2,S", "3.M3.h:2,FS", "4.M4.h:2,FS");
    }

    @Test
    void commit_whenAMessageIsNotInPlace_stillPutsItInPlaceThoughNothingWasRead() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.putCur("1.M1.h:2,", "one\n");
        md.putCur("2.M2.h:2,SF", "two\n"); // flags out of order: another program wrote this name
        md.putCur("3.M3.h", "three\n"); // in cur/ without info

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.commit(new BitSet(), new BitSet())).isEqualTo(new CommitResult.Committed(0));
        }
        assertThat(md.names("cur")).containsExactly("1.M1.h:2,", "2.M2.h:2,FS", "3.M3.h:2,");
    }

    @Test
    void commit_findsMessagesRenamedDuringTheSession_andLeavesNewDeliveriesAlone() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        md.deliver("3.M3.h", "three\n");

        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withMarkSeen(true));
        try (Maildrop maildrop = open(store, "alice")) {
            // An IMAP client flags messages meanwhile, and new mail arrives.
            Files.move(md.root.resolve("new/1.M1.h"), md.root.resolve("cur/1.M1.h:2,F"));
            Files.move(md.root.resolve("new/2.M2.h"), md.root.resolve("cur/2.M2.h:2,R"));
            md.deliver("4.M4.h", "four\n");
            assertThat(maildrop.commit(bits(1), bits(0))).isEqualTo(new CommitResult.Committed(1));
        }
        assertThat(md.names("cur")).containsExactly("1.M1.h:2,FS", "3.M3.h:2,");
        assertThat(md.names("new")).containsExactly("4.M4.h");
    }

    @Test
    void commit_whenCurIsNotADirectory_failsAndLosesNothing() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        md.deliver("3.M3.h", "three\n");

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            Files.delete(md.root.resolve("cur"));
            Files.writeString(md.root.resolve("cur"), "a file where cur/ was");
            CommitResult result = maildrop.commit(bits(1), new BitSet());
            assertThat(result).isInstanceOf(CommitResult.Failed.class);
        }
        assertThat(md.names("new"))
                .as("not the maildir of the login: nothing done")
                .containsExactly("1.M1.h", "2.M2.h", "3.M3.h");
    }

    @Test
    void commit_whenARenameFails_doesTheRestAndReportsFailure() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        md.deliver("3.M3.h", "three\n");
        CountingFileOps ops = new CountingFileOps();
        ops.failMovesContaining("2.M2");

        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template()), ops), "alice")) {
            CommitResult result = maildrop.commit(bits(0), new BitSet());
            assertThat(result).isInstanceOf(CommitResult.Failed.class);
            assertThat(((CommitResult.Failed) result).reason()).contains("2.M2.h");
        }
        assertThat(md.names("new")).containsExactly("2.M2.h");
        assertThat(md.names("cur")).containsExactly("3.M3.h:2,");
    }

    @Test
    void close_withoutCommit_changesNothing() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        open(new MaildirStore(MaildirConfig.of(md.template())), "alice").close();
        assertThat(md.names("new")).containsExactly("1.M1.h");
        assertThat(md.names("cur")).isEmpty();
    }
}
