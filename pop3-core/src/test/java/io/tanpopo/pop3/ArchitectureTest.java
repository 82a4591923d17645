package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1: exactly one package imports MINA, and the backend modules never do; main and test
 * code of every module alike (tests that need MINA itself live in the transport package too). The
 * test kit stands on pop3-core's public API: neither pop3-core nor server-app names it.
 */
class ArchitectureTest {

    private static final Pattern MINA_IMPORT = Pattern.compile("(?m)^import (static )?org\\.apache\\.mina\\.");
    /** An import of the kit's packages, or a fully qualified name in them. */
    private static final Pattern KIT_REFERENCE = Pattern.compile("\\bio\\.tanpopo\\.testkit\\b");

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
