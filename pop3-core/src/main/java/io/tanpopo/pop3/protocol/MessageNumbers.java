package io.tanpopo.pop3.protocol;

/**
 * Parses the message-number argument of LIST, UIDL, RETR, TOP and DELE (RFC 1939 §5), with one
 * precise error for each way it can be wrong.
 */
public final class MessageNumbers {

    /** A message number, resolved to its index, or the error to answer. */
    public record Parsed(int index, Reply error) {
        public boolean ok() {
            return error == null;
        }
    }

    private MessageNumbers() {}

    /** Parses {@code argument} as the number of a message that exists and is not deleted. */
    public static Parsed parse(String argument, Pop3Session session) {
        long number = parseNumber(argument);
        if (number < 0) {
            return new Parsed(-1, Reply.err("Invalid message number: not a number"));
        }
        if (number == 0 || number > session.messages().size()) {
            return new Parsed(
                    -1, Reply.err("No such message, only " + session.messages().size() + " messages in maildrop"));
        }
        int index = (int) number - 1;
        if (session.isDeleted(index)) {
            return new Parsed(-1, Reply.err("Message " + number + " already deleted"));
        }
        return new Parsed(index, null);
    }

    /**
     * Parses a non-negative decimal number of at most 18 digits; -1 when it is not one. Longer
     * numbers are answered "no such message" by their size alone, never overflowing.
     */
    public static long parseNumber(String argument) {
        if (argument.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        String digits = argument.replaceFirst("^0+(?=.)", "");
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
