package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1: exactly one package imports MINA, and the backend modules never do; main and test
 * code of every module alike (tests that need MINA itself live in the transport package too).
 */
class ArchitectureTest {

    private static final Pattern MINA_IMPORT = Pattern.compile("(?m)^import (static )?org\\.apache\\.mina\\.");

    @Test
    void mina_isImportedOnlyInTheTransportPackage() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")
                            || p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/io/tanpopo/pop3/transport/"))
                    .filter(ArchitectureTest::importsMina)
                    .toList();
        }
        assertThat(root.resolve("pop3-core")).isDirectory();
        assertThat(offenders).isEmpty();
    }

    private static boolean importsMina(Path file) {
        try {
            return MINA_IMPORT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
