package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store.maildir.uidl-format} and {@code store.maildir.uidl=courier} at start. */
class UidlFormatConfigTest {

    @TempDir
    Path dir;

    @Test
    void unknownVariable_failsAtStart_namingTheKeyTheFileAndTheVariable() {
        Path config = TestConfig.write(
                dir,
                "tanpopo.properties",
                "store=maildir",
                "store.maildir.path=" + dir + "/{user}",
                "store.maildir.uidl=dovecot",
                "store.maildir.uidl-format=%08Xu%m");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(System.in, System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"check-config", "--config", config.toString()});
        assertThat(status).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("store.maildir.uidl-format", "%m", "tanpopo.properties");
    }

    @Test
    void courierAndFormats_areAccepted() {
        new ServerWiring(TestConfig.settings(
                        "store=maildir", "store.maildir.path=" + dir + "/{user}", "store.maildir.uidl=courier"))
                .builder();
        new ServerWiring(TestConfig.settings(
                        "store=maildir",
                        "store.maildir.path=" + dir + "/{user}",
                        "store.maildir.uidl=dovecot",
                        "store.maildir.uidl-format=%{uidvalidity}.%{uid}"))
                .builder();
        assertThatThrownBy(() -> new ServerWiring(TestConfig.settings(
                                "store=maildir", "store.maildir.path=" + dir + "/{user}", "store.maildir.uidl=dovcot"))
                        .builder())
                .hasMessageContaining("store.maildir.uidl")
                .hasMessageContaining("courier");
    }
}
