package io.tanpopo.app;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated access to a {@link ConfigFile}: every error names the key and where its value
 * came from, and unknown keys are refused.
 */
public final class Settings {

    private static final Pattern KEY_SHAPE = Pattern.compile("[a-z][a-z0-9-]{0,30}(\\.[a-z][a-z0-9-]{0,30}){1,4}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)?");

    private final ConfigFile file;

    public Settings(ConfigFile file) {
        this.file = file;
        for (var entry : file.entries().entrySet()) {
            if (ConfigKeys.find(entry.getKey()).isEmpty()) {
                throw new ConfigException(entry.getValue().where() + ": unknown key" + shown(entry.getKey()));
            }
        }
    }

    /**
     * The unknown key, quoted, when it is shaped like a dotted key name ({@code pop3.prot}); otherwise
     * nothing, since the text before a stray '=' or ':' may be part of a password.
     */
    private static String shown(String key) {
        return KEY_SHAPE.matcher(key).matches() ? " '" + key + "'" : " (not shown: not shaped like a key name)";
    }

    public ConfigFile file() {
        return file;
    }

    /** The raw text of {@code key}, or its documented default; empty when neither. */
    public Optional<String> text(String key) {
        Optional<String> value = file.get(key).map(ConfigFile.Entry::value);
        if (value.isPresent()) {
            return value.filter(v -> !v.isEmpty());
        }
        return ConfigKeys.find(key).map(ConfigKey::defaultValue).filter(v -> !v.isEmpty());
    }

    public String string(String key) {
        return text(key).orElseThrow(() -> error(key, "a value is required"));
    }

    public int integer(String key, int min, int max) {
        String value = string(key);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw error(key, "must be " + min + " to " + max + ", not " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, not '" + value + "'");
        }
    }

    public Duration duration(String key) {
        return optionalDuration(key).orElseThrow(() -> error(key, "a duration is required"));
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d} (no unit: seconds). */
    public Optional<Duration> optionalDuration(String key) {
        return text(key).map(value -> {
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw error(key, "must be a duration like 500ms, 30s, 10m, 1h or 2d, not '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        });
    }

    public boolean bool(String key) {
        String value = string(key);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "must be true or false, not '" + value + "'");
        };
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String key) {
        return text(key)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /**
     * Builds a configuration record whose validation throws {@link IllegalArgumentException} with
     * a message starting with the key; the error then also says where the value came from.
     */
    public <T> T validated(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            String key = message.split("[ :]", 2)[0];
            if (ConfigKeys.find(key).isEmpty()) {
                throw new ConfigException(message, e);
            }
            throw error(key, message.substring(key.length()).replaceFirst("^:? *", ""));
        }
    }

    /** One of {@code choices}, case-insensitive, in lower case. */
    public String choice(String key, String... choices) {
        String value = string(key).toLowerCase(java.util.Locale.ROOT);
        if (!List.of(choices).contains(value)) {
            throw error(key, "must be one of " + String.join(", ", choices) + ", not '" + value + "'");
        }
        return value;
    }

    /** An error about {@code key}, naming where its value came from. */
    public ConfigException error(String key, String problem) {
        String where = file.get(key).map(e -> e.where() + ": ").orElse("");
        return new ConfigException(where + key + " " + problem);
    }
}
