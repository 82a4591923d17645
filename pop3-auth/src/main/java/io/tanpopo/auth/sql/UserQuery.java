package io.tanpopo.auth.sql;

import java.util.Objects;

/**
 * An SQL query as the operator writes it, with the user name as {@code :user} (any number of
 * times), and the JDBC text it becomes: each {@code :user} a {@code ?} parameter the user name is
 * bound to, never spliced into the text. {@code :user} inside quotes ({@code '...'}, {@code "..."},
 * {@code `...`}) or comments is left alone, as is PostgreSQL's cast {@code ::user}.
 *
 * @param key the configuration key the query came from, for messages
 * @param jdbc the query with {@code ?} for each {@code :user}
 * @param parameters how many {@code ?} there are, each bound to the user name
 */
public record UserQuery(String key, String jdbc, int parameters) {

    private static final String PARAMETER = ":user";

    public UserQuery {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * Translates {@code text}.
     *
     * @throws IllegalArgumentException starting with {@code key} when the query has no {@code
     *     :user} or a {@code ?} of its own (which nothing would bind)
     */
    public static UserQuery parse(String key, String text) {
        StringBuilder jdbc = new StringBuilder(text.length());
        int parameters = 0;
        int i = 0;
        while (i < text.length()) {
            int skip = quotedOrCommentEnd(text, i);
            if (skip > i) {
                jdbc.append(text, i, skip);
                i = skip;
            } else if (isParameter(text, i)) {
                jdbc.append('?');
                parameters++;
                i += PARAMETER.length();
            } else if (text.charAt(i) == '?') {
                throw new IllegalArgumentException(
                        key + ": write the user name as :user; a ? of the query's own would stay unbound");
            } else {
                jdbc.append(text.charAt(i++));
            }
        }
        if (parameters == 0) {
            throw new IllegalArgumentException(
                    key + ": the query must take the user name as :user, e.g. ... WHERE username = :user");
        }
        return new UserQuery(key, jdbc.toString(), parameters);
    }

    private static boolean isParameter(String text, int i) {
        if (!text.startsWith(PARAMETER, i) || (i > 0 && text.charAt(i - 1) == ':')) {
            return false;
        }
        int after = i + PARAMETER.length();
        return after == text.length() || !Character.isJavaIdentifierPart(text.charAt(after));
    }

    /** Where a quoted text or comment starting at {@code i} ends (exclusive), or {@code i} if none starts. */
    private static int quotedOrCommentEnd(String text, int i) {
        char c = text.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int close = text.indexOf(c, i + 1);
            return close < 0 ? text.length() : close + 1; // a doubled quote is two quoted texts in a row
        }
        if (text.startsWith("--", i)) {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end;
        }
        if (text.startsWith("/*", i)) {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? text.length() : end + 2;
        }
        return i;
    }
}
