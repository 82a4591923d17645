package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirSizeCacheTest {

    private static final int COUNT = 5_000;

    @TempDir
    Path dir;

    private TestMaildir fill() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        for (int i = 0; i < COUNT; i++) {
            md.deliver(
                    TestMaildir.name(1_700_000_000L + i, i),
                    "Subject: " + i + "\n\n.body\n" + "x".repeat(i % 50) + "\n");
        }
        return md;
    }

    private static List<MessageInfo> messages(MaildirStore store) {
        try (Maildrop maildrop = open(store, "alice")) {
            return maildrop.messages();
        }
    }

    @Test
    void secondOpen_readsNoMessage_inTheSameProcessOrFromTheCacheFile() {
        TestMaildir md = fill();
        CountingFileOps ops = new CountingFileOps();
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()), ops);

        List<MessageInfo> first = messages(store);
        assertThat(ops.opens).hasValue(COUNT);
        assertThat(first).hasSize(COUNT);
        assertThat(Files.exists(md.root.resolve("tanpopo-sizes"))).isTrue();

        assertThat(messages(store)).isEqualTo(first);
        assertThat(ops.opens).hasValue(COUNT);

        CountingFileOps restarted = new CountingFileOps();
        assertThat(messages(new MaildirStore(MaildirConfig.of(md.template()), restarted)))
                .isEqualTo(first);
        assertThat(restarted.opens).hasValue(0);
    }

    @Test
    void corruptCacheFile_isTolerated_andOnlyDamagedEntriesAreRecomputed() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h", "one\n");
        md.deliver("2.M2.h", "two\n");
        List<MessageInfo> expected = messages(new MaildirStore(MaildirConfig.of(md.template())));
        Path cache = md.root.resolve("tanpopo-sizes");
        List<String> lines = Files.readAllLines(cache);
        Files.write(cache, List.of(lines.get(0), lines.get(1), "12 zz 3 2.M2.h", "\u0000garbage"));

        CountingFileOps ops = new CountingFileOps();
        assertThat(messages(new MaildirStore(MaildirConfig.of(md.template()), ops)))
                .isEqualTo(expected);
        assertThat(ops.opens).hasValue(1);

        Files.write(cache, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
        assertThat(messages(new MaildirStore(MaildirConfig.of(md.template())))).isEqualTo(expected);
    }

    @Test
    void cacheFile_keepsNonAsciiNames_andDropsMessagesThatAreGone() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.deliver("1.M1.h\u00f3st", "caf\u00e9\n");
        md.deliver("2.M2.\u65e5\u672c", "two\n");
        Path gone = md.deliver("3.M3.h", "three\n");
        List<MessageInfo> first = messages(new MaildirStore(MaildirConfig.of(md.template())));
        Files.delete(gone);

        CountingFileOps ops = new CountingFileOps();
        assertThat(messages(new MaildirStore(MaildirConfig.of(md.template()), ops)))
                .isEqualTo(first.subList(0, 2));
        assertThat(ops.opens).hasValue(0);
        assertThat(Files.readAllLines(md.root.resolve("tanpopo-sizes")))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).endsWith(" 1.M1.h\u00f3st"))
                .noneSatisfy(line -> assertThat(line).endsWith(" 3.M3.h"));
    }

    @Test
    void cacheFile_holdsExactNumbers_forZeroLargeAndPre1970Times() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        Path a = md.deliver("1.M1.h", "one\n");
        Path b = md.deliver("2.M2.h", "two\nlines\n");
        Path c = md.deliver("3.M3.h", "");
        Files.setLastModifiedTime(a, FileTime.fromMillis(0));
        Files.setLastModifiedTime(b, FileTime.fromMillis(-86_400_000L));
        Files.setLastModifiedTime(c, FileTime.fromMillis(4_102_444_800_123L));
        List<MessageInfo> first = messages(new MaildirStore(MaildirConfig.of(md.template())));

        assertThat(Files.readAllLines(md.root.resolve("tanpopo-sizes")))
                .containsExactly(
                        "tanpopo-sizes 1", "5 4 0 1.M1.h", "12 10 -86400000 2.M2.h", "0 0 4102444800123 3.M3.h");
        CountingFileOps restarted = new CountingFileOps();
        assertThat(messages(new MaildirStore(MaildirConfig.of(md.template()), restarted)))
                .isEqualTo(first);
        assertThat(restarted.opens).hasValue(0);
    }

    @Test
    void cacheEntry_isNotUsed_whenTheFileChanged() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        Path message = md.deliver("1.M1.h", "one\n");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()));
        assertThat(messages(store).get(0).size()).isEqualTo(5);
        Files.writeString(message, "longer\nmessage\n");
        assertThat(messages(store).get(0).size()).isEqualTo(17);
    }

    @Test
    void twoFilesWithOneBaseName_theCacheKeepsTheServedOne_andIsNotRewrittenByTheNextListing() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        md.putCur("1.M1.h:2,S", "the one in cur\n");
        md.deliver("1.M1.h", "a longer copy left in new\n");
        md.deliver("2.M2.h", "two\n");
        List<MessageInfo> first = messages(new MaildirStore(MaildirConfig.of(md.template())));
        assertThat(first).extracting(MessageInfo::size).containsExactly(16L, 5L);
        Path cache = md.root.resolve("tanpopo-sizes");
        assertThat(Files.readAllLines(cache))
                .filteredOn(line -> line.endsWith(" 1.M1.h"))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("16 "));
        Object written = Files.readAttributes(cache, BasicFileAttributes.class).fileKey();

        CountingFileOps ops = new CountingFileOps();
        assertThat(messages(new MaildirStore(MaildirConfig.of(md.template()), ops)))
                .isEqualTo(first);
        // The listing sizes every file it finds before it drops the second of a base name: the
        // stray copy in new/ is read again, but what is served, and so the cache, did not change.
        assertThat(ops.opens).hasValue(1);
        assertThat(Files.readAttributes(cache, BasicFileAttributes.class).fileKey())
                .as("the cache file is replaced by a new one when written")
                .isEqualTo(written);
    }
}
