package io.tanpopo.pop3.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code tls.*} properties (see {@link TlsConfig}) into a {@link TlsConfig}. A bad or contradictory
 * value fails with an {@link IllegalArgumentException} that names the key.
 */
public final class TlsProperties {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

    private TlsProperties() {
    }

    /**
     * @param properties the server's properties; keys other than {@code tls.*} are ignored
     * @param hostName   the server's host name, used only when a certificate is generated
     * @return the configuration
     * @throws IllegalArgumentException naming the key, when a value is missing, malformed or contradictory
     */
    public static TlsConfig read(Map<String, String> properties, String hostName) {
        Optional<String> cert = value(properties, "tls.cert");
        Optional<String> key = value(properties, "tls.key");
        Optional<String> keyPassword = Optional.ofNullable(properties.get("tls.key-password"));
        Optional<String> keyStore = value(properties, "tls.keystore");
        Optional<String> storePassword = Optional.ofNullable(properties.get("tls.keystore-password"));
        Duration timeout = value(properties, "tls.handshake-timeout")
                .map(TlsProperties::parseDuration).orElse(TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT);

        if (cert.isPresent() && keyStore.isPresent()) {
            throw new IllegalArgumentException("set either tls.cert/tls.key or tls.keystore, not both");
        }
        require(cert.isPresent() || key.isEmpty(), "tls.key is set but tls.cert is not");
        require(key.isPresent() || keyPassword.isEmpty(), "tls.key-password is set but tls.key is not");
        require(keyStore.isPresent() || storePassword.isEmpty(),
                "tls.keystore-password is set but tls.keystore is not");

        TlsConfig.Source source;
        if (cert.isPresent()) {
            require(key.isPresent(), "tls.key must be set when tls.cert is set");
            source = new TlsConfig.PemFiles(Path.of(cert.get()), Path.of(key.get()), keyPassword);
        } else if (keyStore.isPresent()) {
            require(storePassword.isPresent(), "tls.keystore-password must be set when tls.keystore is set");
            source = new TlsConfig.KeyStoreFile(Path.of(keyStore.get()), storePassword.get());
        } else {
            source = new TlsConfig.Generated(hostName);
        }
        return new TlsConfig(source, timeout);
    }

    /**
     * Parses {@code 30s}, {@code 500ms}, {@code 2m}, a bare number of seconds, or ISO-8601 ({@code PT30S}).
     */
    static Duration parseDuration(String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "tls.handshake-timeout is not a duration (e.g. 30s, 500ms, 2m, PT30S): '" + text + "'", e);
        }
    }

    private static Optional<String> value(Map<String, String> properties, String key) {
        return Optional.ofNullable(properties.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
