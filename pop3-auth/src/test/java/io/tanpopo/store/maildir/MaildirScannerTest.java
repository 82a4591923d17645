package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.CrlfSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listing with sizes, relative to the directories opened at login. */
class MaildirScannerTest {

    /** Around the 16 KB read buffer: a short read at the listed length ends a message. */
    private static final int[] LENGTHS = {0, 1, 16_383, 16_384, 16_385, 32_768, 40_000};

    @TempDir
    Path dir;

    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 37 == 36 ? '\n' : i % 101 == 100 ? '\r' : 'a' + i % 26);
        }
        return bytes;
    }

    private static MessageSizes sizes(MaildirScanner scanner, CountingFileOps ops) {
        return new MessageSizes(new ListingCache(1_000), new SizeCacheFile(), scanner, ops);
    }

    @Test
    void scan_sizesAroundTheReadBuffer_areCrlfSizesOfContent() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        for (int i = 0; i < LENGTHS.length; i++) {
            md.deliver(TestMaildir.name(100 + i, 1), content(LENGTHS[i]));
        }
        MaildirScanner scanner = new MaildirScanner();
        CountingFileOps ops = new CountingFileOps();
        List<MaildirScanner.Sized> listed;
        try (MaildirHandles maildir = MaildirHandles.open(md.root, false)) {
            listed = scanner.scan(maildir, sizes(scanner, ops).learn(maildir));
        }

        assertThat(listed)
                .extracting(MaildirScanner.Sized::size)
                .containsExactly(Arrays.stream(LENGTHS)
                        .mapToObj(n -> CrlfSize.of(content(n)))
                        .toArray(Long[]::new));
        assertThat(ops.opens).hasValue(LENGTHS.length);
    }

    @Test
    void scan_skipsDirectoriesSymlinksAndDotFiles_andFindLocatesRenamedMessages() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        String name = TestMaildir.name(1, 1);
        md.deliver(name, "real\n");
        Files.createDirectory(md.root.resolve("cur").resolve("3.M1.dir"));
        Files.writeString(md.root.resolve("new").resolve(".hidden"), "dot\n");
        Path secret = Files.writeString(dir.resolve("secret"), "outside the maildir\n");
        Files.createSymbolicLink(md.root.resolve("new").resolve("5.M1.link"), secret);
        MaildirScanner scanner = new MaildirScanner();

        assertThat(files(scanner, md.root)).extracting(f -> f.name().base()).containsExactly(name);
        Files.move(md.root.resolve("new").resolve(name), md.root.resolve("cur").resolve(name + ":2,S"));
        try (MaildirHandles maildir = MaildirHandles.open(md.root, false)) {
            assertThat(scanner.find(maildir, name)).hasValueSatisfying(f -> {
                assertThat(f.inNew()).isFalse();
                assertThat(f.name().fileName()).isEqualTo(name + ":2,S");
            });
            assertThat(scanner.find(maildir, "5.M1.link")).isEmpty();
        }
    }

    @Test
    void scan_twoFilesWithOneBaseName_listsTheOneInCurOnce() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        String twice = TestMaildir.name(2, 1);
        md.deliver(TestMaildir.name(3, 1), "later\n");
        md.deliver(twice, "in new\n");
        md.putCur(twice + ":2,S", "in cur\n");
        md.putCur(TestMaildir.name(1, 1) + ":2,", "earlier\n");

        List<MessageFile> files = files(new MaildirScanner(), md.root);

        assertThat(files)
                .extracting(f -> f.name().base())
                .containsExactly(TestMaildir.name(1, 1), twice, TestMaildir.name(3, 1));
        assertThat(files.get(1).inNew()).isFalse();
    }

    /** The listing's files, sizes left out (each listed as 0 without reading it). */
    private static List<MessageFile> files(MaildirScanner scanner, Path root) throws Exception {
        try (MaildirHandles maildir = MaildirHandles.open(root, false)) {
            return scanner.scan(maildir, (file, dir, name) -> 0).stream()
                    .map(MaildirScanner.Sized::file)
                    .toList();
        }
    }
}
