package io.tanpopo.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A properties file read once, remembering each key's line so that errors can name it. The format
 * is the simple subset of Java properties that operators write: {@code key=value} (or
 * {@code key: value}), {@code #} and {@code !} comments, blank lines; no line continuations.
 */
public final class ConfigFile {

    /** One value and where it came from ({@code line} 0 for the environment). */
    public record Entry(String value, String origin, int line) {
        String where() {
            return line > 0 ? origin + ":" + line : origin;
        }
    }

    private static final long MAX_SIZE = 1024 * 1024;

    private final Map<String, Entry> entries;

    private ConfigFile(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static ConfigFile empty() {
        return new ConfigFile(new LinkedHashMap<>());
    }

    /** Reads {@code path}; a malformed line is a {@link ConfigException} naming the line's number only. */
    public static ConfigFile read(Path path) throws IOException {
        if (Files.size(path) > MAX_SIZE) {
            throw new ConfigException(path + " is larger than 1 MB; is it really a tanpopo configuration?");
        }
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
    }

    /** Parses the lines of a properties file; {@code origin} names it in errors. */
    public static ConfigFile parse(List<String> lines, String origin) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int separator = firstSeparator(line);
            if (separator <= 0) {
                // Never the line itself: it may be a password that lost its key.
                throw new ConfigException(origin + ":" + (i + 1) + ": expected key=value (the line is not shown)");
            }
            String key = line.substring(0, separator).strip();
            Entry entry = new Entry(line.substring(separator + 1).strip(), origin, i + 1);
            Entry previous = entries.put(key, entry);
            if (previous != null) {
                throw new ConfigException(
                        entry.where() + ": " + key + " is set twice (also at line " + previous.line() + ")");
            }
        }
        return new ConfigFile(entries);
    }

    /**
     * Overrides keys from environment variables named like {@code TANPOPO_POP3_PORT} for
     * {@code pop3.port} (upper case, '.' and '-' as '_'), for the keys in {@code known}.
     */
    public ConfigFile withEnvironment(Map<String, String> environment, Iterable<String> known) {
        Map<String, Entry> merged = new LinkedHashMap<>(entries);
        for (String key : known) {
            String variable = "TANPOPO_"
                    + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
            String value = environment.get(variable);
            if (value != null) {
                merged.put(key, new Entry(value.strip(), "environment variable " + variable, 0));
            }
        }
        return new ConfigFile(merged);
    }

    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    private static int firstSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }
}
