package io.tanpopo.app.hardening;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.tanpopo.app.ConfigException;
import io.tanpopo.app.ConfigFile;
import io.tanpopo.app.ServerWiring;
import io.tanpopo.app.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The properties file: whatever it holds, reading it into settings and the protocol configuration
 * either works or fails with a {@link ConfigException} (which names the line or key), never with
 * another exception. Regression inputs:
 * {@code src/test/resources/io/tanpopo/app/hardening/ConfigFileFuzzTestInputs/}.
 */
class ConfigFileFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parse(@NotNull byte[] content) {
        List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
        try {
            Settings settings = new Settings(ConfigFile.parse(lines, "fuzz.properties"));
            new ServerWiring(settings).pop3Config();
            settings.list("auth.users");
            settings.bool("tls.enabled");
            settings.choice("auth.cleartext", "loopback", "always", "never");
        } catch (ConfigException expected) {
            if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
                throw new AssertionError("a configuration error without a message", expected);
            }
        }
    }
}
