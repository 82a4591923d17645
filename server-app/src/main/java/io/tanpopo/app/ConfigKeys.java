package io.tanpopo.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration key tanpopo knows, in the order the README documents them. */
public final class ConfigKeys {

    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.of("pop3.bind", "address", "127.0.0.1", "Address to listen on for POP3"),
            ConfigKey.of("pop3.port", "port", "1110", "POP3 port; 0 picks a free one (the log line 'listening on' shows it)"),
            ConfigKey.of("pop3.hostname", "host name", "localhost", "Name in the greeting and APOP stamp; never looked up"),
            ConfigKey.of("pop3.idle-timeout", "duration", "10m", "Autologout after this long without a command (RFC 1939 asks for at least 10m)"),
            ConfigKey.of("pop3.max-bad-commands", "integer", "20", "Bad commands after which the connection is closed"),
            ConfigKey.of("pop3.max-line-length", "octets", "255", "Longest command line, CRLF included (RFC 2449)"),
            ConfigKey.of("pop3.login-delay", "duration", "", "Minimum time between logins of one user; advertised as LOGIN-DELAY and enforced"),
            ConfigKey.of("pop3.expire", "NEVER or days", "", "Advertised as EXPIRE (tanpopo itself never expires mail)"),
            ConfigKey.of("pop3.worker-threads", "integer", "16", "Threads that run commands and backends"),
            ConfigKey.secret("auth.users", "user:password list", "", "Static users with in-memory mailboxes, e.g. alice:secret,bob:pw"),
            ConfigKey.of("auth.failure-delay", "duration", "1s", "Delay before answering a failed login; doubles per failure from one address"),
            ConfigKey.of("auth.failure-delay-max", "duration", "15s", "Cap of the failed-login delay"));

    private ConfigKeys() {
    }

    public static List<ConfigKey> all() {
        return KEYS;
    }

    public static Optional<ConfigKey> find(String name) {
        return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return KEYS.stream().map(ConfigKey::name).toList();
    }

    /** The effective configuration: every key with its value or default, secrets masked. */
    public static Map<String, String> effective(ConfigFile file) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ConfigKey key : KEYS) {
            String value = file.get(key.name()).map(ConfigFile.Entry::value).orElse(key.defaultValue());
            shown.put(key.name(), key.secret() && !value.isEmpty() ? "********" : value);
        }
        return shown;
    }
}
