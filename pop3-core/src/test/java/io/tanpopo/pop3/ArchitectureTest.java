package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1: exactly one package of the product imports MINA, and the backend modules never do.
 * The benchmarks module is not product code; it measures a bare MINA acceptor as a floor.
 */
class ArchitectureTest {

    @Test
    void mina_isImportedOnlyInTheTransportPackage() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root).filter(p -> !p.startsWith(root.resolve("benchmarks")))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/io/tanpopo/pop3/transport/"))
                    .filter(ArchitectureTest::importsMina)
                    .toList();
        }
        assertThat(root.resolve("pop3-core")).isDirectory();
        assertThat(offenders).isEmpty();
    }

    private static boolean importsMina(Path file) {
        try {
            return Files.readString(file).contains("import org.apache.mina");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
