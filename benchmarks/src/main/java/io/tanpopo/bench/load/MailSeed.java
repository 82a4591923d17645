package io.tanpopo.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deterministic test mail and the maildirs it is written to. Messages are stored as a maildir
 * deliverer stores them, with bare LF line endings; every 40th line starts with "." so that both
 * servers dot-stuff. File names carry no {@code ,W=} (qmail style), so both servers must read a
 * message to learn its CRLF size. Messages go to {@code cur/} as already seen ({@code :2,S}) so that
 * no server moves files on its first QUIT and every run sees the same tree.
 */
final class MailSeed {

    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
                    + "eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
                    + "exercitation ullamco laboris nisi aliquip ex ea commodo consequat")
            .split(" ");

    private MailSeed() {}

    /** The RETR set: 3 MB down to 1 KB, about 14 MB in all. */
    static List<Integer> retrSizes() {
        List<Integer> sizes = new ArrayList<>();
        add(sizes, 1, 3 << 20);
        add(sizes, 2, 2 << 20);
        add(sizes, 3, 1 << 20);
        add(sizes, 4, 512 << 10);
        add(sizes, 4, 256 << 10);
        add(sizes, 8, 64 << 10);
        add(sizes, 16, 16 << 10);
        add(sizes, 32, 4 << 10);
        add(sizes, 32, 1 << 10);
        return sizes;
    }

    private static void add(List<Integer> sizes, int count, int size) {
        for (int i = 0; i < count; i++) {
            sizes.add(size);
        }
    }

    /** A message of about {@code size} octets (LF line endings), different for each {@code seed}. */
    static byte[] message(int seed, int size) {
        StringBuilder text = new StringBuilder(size + 100);
        text.append("From: sender")
                .append(seed)
                .append("@example.org\n")
                .append("To: user@example.org\n")
                .append("Subject: message ")
                .append(seed)
                .append('\n')
                .append("Message-ID: <")
                .append(seed)
                .append(".bench@example.org>\n\n");
        long state = seed * 6364136223846793005L + 1442695040888963407L;
        int lines = 0;
        while (text.length() < size) {
            int start = text.length();
            if (++lines % 40 == 0) {
                text.append('.');
            }
            while (text.length() - start < 72) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                text.append(WORDS[(int) ((state >>> 33) % WORDS.length)]).append(' ');
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Creates {@code maildir} with {@code tmp/ new/ cur/} and these messages in {@code cur/}. */
    static void writeMaildir(Path maildir, List<byte[]> messages) throws IOException {
        createDirectories(maildir);
        for (int i = 0; i < messages.size(); i++) {
            Files.write(maildir.resolve("cur").resolve(fileName(i)), messages.get(i));
        }
    }

    /** Creates {@code maildir} with {@code count} messages of about 2 KB, skipping those already there. */
    static void writeBigMaildir(Path maildir, int count) throws IOException {
        createDirectories(maildir);
        for (int i = 0; i < count; i++) {
            Path file = maildir.resolve("cur").resolve(fileName(i));
            if (!Files.exists(file)) {
                Files.write(file, message(i, 1500 + (i % 7) * 200));
            }
        }
    }

    static String fileName(int index) {
        return (1_700_000_000L + index) + ".M" + index + "P4242.bench.example:2,S";
    }

    static void createDirectories(Path maildir) throws IOException {
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
    }

    /** A copy of the maildir at {@code from} whose messages are hard links: same octets, no copying. */
    static void linkCopy(Path from, Path to) throws IOException {
        createDirectories(to);
        for (String sub : new String[] {"new", "cur"}) {
            try (Stream<Path> files = Files.list(from.resolve(sub))) {
                files.forEach(file -> link(to.resolve(sub).resolve(file.getFileName()), file));
            }
        }
    }

    private static void link(Path link, Path existing) {
        try {
            Files.createLink(link, existing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of a maildir in file-name order, as read from {@code cur/}. */
    static List<byte[]> read(Path maildir) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(maildir.resolve("cur")).sorted()) {
            for (Path file : (Iterable<Path>) files::iterator) {
                messages.add(Files.readAllBytes(file));
            }
        }
        return messages;
    }
}
