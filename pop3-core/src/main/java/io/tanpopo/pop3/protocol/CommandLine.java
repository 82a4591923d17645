package io.tanpopo.pop3.protocol;

import java.util.List;
import java.util.Locale;

/**
 * One command line as the client sent it, split once into keyword and arguments (RFC 1939 §3:
 * a keyword of three or four characters, arguments separated by single spaces; tanpopo also
 * tolerates repeated spaces).
 */
public record CommandLine(String keyword, List<String> arguments, String raw) {

    public CommandLine {
        arguments = List.copyOf(arguments);
    }

    public static CommandLine parse(String line) {
        String[] parts = line.strip().split(" +");
        String keyword = parts[0].toUpperCase(Locale.ROOT);
        return new CommandLine(keyword, List.of(parts).subList(1, parts.length), line);
    }

    public int argumentCount() {
        return arguments.size();
    }

    public String argument(int index) {
        return arguments.get(index);
    }

    /** Everything after the keyword, as sent: PASS allows spaces in passwords (RFC 1939 §7). */
    public String rest() {
        String trimmed = raw.stripLeading();
        int space = trimmed.indexOf(' ');
        return space < 0 ? "" : trimmed.substring(space + 1);
    }

    /**
     * This line with its secrets replaced by {@code ***} in {@link #raw}, {@link #arguments} and so in
     * {@link #toString}: what session listeners are handed, so a listener that logs the whole line
     * cannot leak a password.
     */
    public CommandLine redacted() {
        return switch (keyword) {
            case "PASS" -> new CommandLine(keyword, arguments.isEmpty() ? List.of() : List.of("***"), masked());
            case "APOP" ->
                new CommandLine(keyword, arguments.isEmpty() ? List.of() : List.of(arguments.get(0), "***"), masked());
            case "AUTH" ->
                arguments.size() > 1 ? new CommandLine(keyword, List.of(arguments.get(0), "***"), masked()) : this;
            default -> this;
        };
    }

    /** The line for logs and transcripts, with secrets masked. */
    public String masked() {
        return switch (keyword) {
            case "PASS" -> "PASS ***";
            case "APOP" -> arguments.isEmpty() ? "APOP" : "APOP " + arguments.get(0) + " ***";
            case "AUTH" -> arguments.size() > 1 ? "AUTH " + arguments.get(0) + " ***" : raw;
            default -> raw;
        };
    }
}
