package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock and cache files: only regular files are opened, read with bounds, never blocking. */
@RequiresProgram(value = "mkfifo", debianPackage = "coreutils")
class BookkeepingFilesTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void safeFile_opensRegularFilesOnly_andNeverBlocks() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        Files.writeString(md.root.resolve("plain"), "12345");
        Files.createSymbolicLink(md.root.resolve("link"), md.root.resolve("plain"));
        Files.createDirectory(md.root.resolve("dir"));
        mkfifo(md.root.resolve("fifo"));
        try (MaildirHandles maildir = MaildirHandles.open(md.root, false)) {
            try (FileChannel plain =
                    SafeFile.open(maildir.root(), Path.of("plain")).orElseThrow()) {
                assertThat(SafeFile.bounded(plain, 5).readAllBytes()).hasSize(5);
            }
            assertThat(SafeFile.open(maildir.root(), Path.of("absent"))).isEmpty();
            for (String other : List.of("link", "dir", "fifo")) {
                assertTimeoutPreemptively(
                        AT_ONCE,
                        () -> assertThatThrownBy(() -> SafeFile.open(maildir.root(), Path.of(other)))
                                .isInstanceOf(SafeFile.NotRegular.class));
            }
        }
    }

    @Test
    void bounded_failsOnceMoreThanTheBoundIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("six"), "123456");
        try (FileChannel channel = FileChannel.open(file);
                InputStream in = SafeFile.bounded(channel, 5)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("5 bytes");
        }
    }

    @Test
    void boundedLines_overlongLinesComeOutEmpty_andTheLastLineNeedsNoNewline() throws IOException {
        String longLine = "x".repeat(200_000);
        BoundedLines lines = new BoundedLines(
                new ByteArrayInputStream(("a\n" + longLine + "\nb\n\nlast").getBytes(StandardCharsets.UTF_8)), 1024);
        List<String> all = new ArrayList<>();
        for (String line; (line = lines.next()) != null && all.size() < 10; ) {
            all.add(line);
        }
        assertThat(all).containsExactly("a", "", "b", "", "last");
    }

    @Test
    void uidLists_overlongLinesAreSkipped_andKeptByteForByteWhenAppended() {
        // valid but for its length: unknown extensions are skipped by Dovecot's parser
        String overlong = "3 " + "Xpad ".repeat(DovecotUidList.MAX_LINE / 5) + ":3.M3.h";
        byte[] dovecot = ("3 V5 N4\n1 :1.M1.h\n" + overlong + "\n2 :2.M2.h\n").getBytes(StandardCharsets.UTF_8);
        DovecotUidList list = DovecotUidList.parse(dovecot).orElseThrow();
        assertThat(list.entries()).containsOnlyKeys("1.M1.h", "2.M2.h");
        assertThat(new String(list.appended(List.of("4.M4.h")), StandardCharsets.UTF_8))
                .isEqualTo("3 V5 N5\n1 :1.M1.h\n" + overlong + "\n2 :2.M2.h\n4 :4.M4.h\n");
        byte[] courier = ("/3 3 5\n1.M1.h 3 1:5:0\n" + "z".repeat(DovecotUidList.MAX_LINE) + " 3 2:5:0\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(CourierSizeList.parse(courier).orElseThrow().entries()).containsOnlyKeys("1.M1.h");
    }

    @Test
    void uidListThatIsAFifo_isReadNever_andReadAllNeverBlocks() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        mkfifo(md.root.resolve(DovecotUidList.NAME));
        Files.writeString(md.root.resolve(CourierSizeList.NAME), "/3 1 5\n");
        try (MaildirHandles maildir = MaildirHandles.open(md.root, false)) {
            assertThatThrownBy(() -> assertTimeoutPreemptively(
                            AT_ONCE,
                            () -> SafeFile.readAll(
                                    maildir.root(), Path.of(DovecotUidList.NAME), DovecotUidList.MAX_BYTES)))
                    .isInstanceOf(SafeFile.NotRegular.class);
            assertThat(SafeFile.readAll(maildir.root(), Path.of(CourierSizeList.NAME), 7))
                    .contains("/3 1 5\n".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> SafeFile.readAll(maildir.root(), Path.of(CourierSizeList.NAME), 6))
                    .hasMessageContaining("larger than 6 bytes");
        }
    }

    @Test
    void lockEntryThatIsAFifoOrDirectory_isReplacedByAFreshEmptyFile() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        Path lock = md.root.resolve(MaildropLocks.NAME);
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()));
        for (String kind : List.of("fifo", "directory")) {
            if (kind.equals("fifo")) {
                mkfifo(lock);
            } else {
                Files.createDirectory(lock);
            }
            try (Maildrop maildrop = assertTimeoutPreemptively(AT_ONCE, () -> open(store, "alice"))) {
                assertThat(lock).as(kind + " replaced").isRegularFile();
                assertThat(store.open(Account.named("alice"))).isEqualTo(new OpenResult.InUse());
            }
            assertThat(Files.size(lock)).as("never written").isZero();
            Files.delete(lock);
        }
    }

    @Test
    void sizeCacheThatIsALink_isIgnored_andReplacedByARegularFile() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver(TestMaildir.name(1, 1), "Subject: a\n\nbody\n");
        Path target =
                Files.writeString(dir.resolve("target"), "tanpopo-sizes 1\n999 17 0 " + TestMaildir.name(1, 1) + "\n");
        Files.createSymbolicLink(md.root.resolve(SizeCacheFile.NAME), target);
        try (Maildrop maildrop = open(new MaildirStore(MaildirConfig.of(md.template())), "alice")) {
            assertThat(maildrop.messages().get(0).size())
                    .as("not the linked file's 999")
                    .isEqualTo(20);
        }
        assertThat(md.root.resolve(SizeCacheFile.NAME)).isRegularFile();
        assertThat(Files.readString(target)).isEqualTo("tanpopo-sizes 1\n999 17 0 " + TestMaildir.name(1, 1) + "\n");
    }

    private static void mkfifo(Path path) throws Exception {
        Process process =
                new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(process.waitFor()).isZero();
    }
}
