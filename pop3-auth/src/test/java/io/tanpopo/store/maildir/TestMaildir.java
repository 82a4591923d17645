package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A real maildir for tests: {@code <parent>/<user>} with tmp, new and cur. */
final class TestMaildir {

    final Path parent;
    final Path root;
    final String user;

    private TestMaildir(Path parent, String user) {
        this.parent = parent;
        this.user = user;
        this.root = parent.resolve(user);
    }

    static TestMaildir create(Path parent, String user) {
        TestMaildir maildir = new TestMaildir(parent, user);
        try {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.root.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return maildir;
    }

    /** The store's path template for this maildir's parent. */
    String template() {
        return parent + "/{user}";
    }

    /** Delivers like a MDA: write to tmp/, rename into new/. */
    Path deliver(String name, String content) {
        return deliver(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path deliver(String name, byte[] content) {
        try {
            Path tmp = root.resolve("tmp").resolve(name);
            Files.write(tmp, content);
            return Files.move(tmp, root.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path putCur(String name, String content) {
        try {
            return Files.writeString(root.resolve("cur").resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names in {@code new} or {@code cur}, sorted. */
    List<String> names(String sub) {
        try (Stream<Path> files = Files.list(root.resolve(sub))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base names of every file in new and cur, with repetitions. */
    List<String> bases() {
        List<String> bases = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            for (String name : names(sub)) {
                int colon = name.indexOf(':');
                bases.add(colon < 0 ? name : name.substring(0, colon));
            }
        }
        return bases;
    }

    static String name(long time, int n) {
        return time + ".M" + n + "P42.test.example";
    }
}
