package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1: exactly one package imports MINA, and the backend modules never do; main and test
 * code of every module alike (tests that need MINA itself live in the transport package too). The
 * test kit stands on pop3-core's public API: neither pop3-core nor server-app names it. The
 * packages of pop3-core's main code are layers: no package uses one that uses it back
 * (docs/development.md, "Packages of pop3-core").
 */
class ArchitectureTest {

    private static final Pattern MINA_IMPORT = Pattern.compile("(?m)^import (static )?org\\.apache\\.mina\\.");
    /** An import of the kit's packages, or a fully qualified name in them. */
    private static final Pattern KIT_REFERENCE = Pattern.compile("\\bio\\.tanpopo\\.testkit\\b");

    /** A name of pop3-core's, imported or written out in code: its package is the part before the class. */
    private static final Pattern CORE_NAME = Pattern.compile("\\b(io\\.tanpopo\\.pop3(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private final Path root = Path.of("").toAbsolutePath().getParent();

    @Test
    void mina_isImportedOnlyInTheTransportPackage() {
        List<Path> offenders = javaFiles(root)
                .filter(p -> !p.toString().contains("/io/tanpopo/pop3/transport/"))
                .filter(p -> contains(p, MINA_IMPORT))
                .toList();
        assertThat(root.resolve("pop3-core")).isDirectory();
        assertThat(offenders).isEmpty();
    }

    @Test
    void testkit_isUsedNeitherByPop3CoreNorByServerApp() {
        List<Path> offenders = Stream.of("pop3-core", "server-app")
                .flatMap(module -> javaFiles(root.resolve(module)))
                .filter(p -> contains(p, KIT_REFERENCE))
                .toList();
        assertThat(offenders).isEmpty();
        assertThat(javaFiles(root.resolve("testkit")).filter(p -> contains(p, KIT_REFERENCE)))
                .as("the check finds the kit where it is used")
                .isNotEmpty();
    }

    @Test
    void corePackages_formNoImportCycle() throws IOException {
        Path main = Path.of("src/main/java");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = main.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> used = uses.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher name = CORE_NAME.matcher(
                        COMMENT.matcher(Files.readString(file)).replaceAll(""));
                while (name.find()) {
                    used.add(name.group(1));
                }
                used.remove(from);
            }
        }
        assertThat(uses).containsKeys("io.tanpopo.pop3", "io.tanpopo.pop3.protocol");
        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            cycleThrough(start, uses, new ArrayList<>(List.of(start))).ifPresent(cycles::add);
        }
        assertThat(cycles).as("package import cycles in pop3-core").isEmpty();
    }

    /** A path of uses from the last package of {@code path} back to its first, if there is one. */
    private static Optional<List<String>> cycleThrough(String start, Map<String, Set<String>> uses, List<String> path) {
        for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return Optional.of(cycle);
            }
            if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                Optional<List<String>> found = cycleThrough(start, uses, path);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    /** The main and test sources under {@code dir}. */
    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")
                            || p.toString().contains("/src/test/java/"))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, Pattern pattern) {
        try {
            return pattern.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
