package io.tanpopo.store.maildir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dovecot's {@code pop3_uidl_format} (key {@code store.maildir.uidl-format}), rendered byte for
 * byte as Dovecot's {@code var_expand} does: {@code %[-][0][width][.[0][-]width]modifiers var}.
 * Variables: {@code u}/{@code {uid}} the IMAP UID, {@code v}/{@code {uidvalidity}}, {@code f}/
 * {@code {filename}} the base name up to {@code :}, {@code g}/{@code {guid}} the uidlist's
 * {@code G} extension or else the base name (what Dovecot's maildir gives), {@code %%} a percent
 * sign. Modifiers: see {@link VarModifier}; note that {@code X} gives <em>lower-case</em> hex
 * (C's {@code %llx}), so Dovecot's default {@code %08Xu%08Xv} serves {@code 000000016b148f68}.
 * {@code %m} (header MD5) is refused: Dovecot's maildir cannot serve it either.
 */
public final class UidlFormat {

    /** Dovecot's default. */
    public static final String DEFAULT = "%08Xu%08Xv";

    private static final int MAX_LENGTH = 200;
    private static final String KNOWN = " (known: %u %v %f %g, %{uid} %{uidvalidity} %{filename} %{guid})";
    private static final Map<String, Character> LONG =
            Map.of("uid", 'u', "uidvalidity", 'v', "filename", 'f', "guid", 'g');

    private final String text;
    private final List<FormatPart> parts;

    private UidlFormat(String text, List<FormatPart> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** The values one message gives the variables. */
    public record Values(long uid, long uidValidity, String fileName, String guid) {}

    /**
     * Parses Dovecot's syntax.
     *
     * @throws IllegalArgumentException naming the key and what is wrong
     */
    public static UidlFormat parse(String format) {
        Objects.requireNonNull(format);
        if (format.isEmpty() || format.length() > MAX_LENGTH) {
            throw refused(format, "must be 1 to " + MAX_LENGTH + " characters");
        }
        List<FormatPart> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (literal.length() > 0) {
                parts.add(new FormatPart(literal.toString(), '\0', List.of(), 0, 0, false));
                literal.setLength(0);
            }
            i = variable(format, i, parts);
        }
        if (literal.length() > 0) {
            parts.add(new FormatPart(literal.toString(), '\0', List.of(), 0, 0, false));
        }
        return new UidlFormat(format, List.copyOf(parts));
    }

    /** Parses the expansion that starts after a {@code %} at {@code start}; gives the index after it. */
    private static int variable(String format, int start, List<FormatPart> parts) {
        Cursor at = new Cursor(format, start);
        FormatPart spec = spec(at);
        List<VarModifier> modifiers = new ArrayList<>();
        while (modifiers.size() < 10 && VarModifier.of(at.peek()).isPresent()) {
            modifiers.add(VarModifier.of(at.next()).orElseThrow());
        }
        char key = at.next();
        if (key == '%') {
            parts.add(new FormatPart("%", '\0', List.of(), 0, 0, false));
            return at.index;
        }
        if (key == '{') {
            int close = format.indexOf('}', at.index);
            Character known = close < 0 ? null : LONG.get(format.substring(at.index, close));
            if (known == null) {
                throw refused(
                        format,
                        "unknown variable %"
                                + (close < 0
                                        ? format.substring(at.index - 1)
                                        : format.substring(at.index - 1, close + 1))
                                + KNOWN);
            }
            key = known;
            at.index = close + 1;
        } else if (key == '\0') {
            throw refused(format, "ends in the middle of a %-variable");
        } else if ("uvfg".indexOf(key) < 0) {
            throw refused(
                    format,
                    "unknown variable %" + key + (key == 'm' ? " (header MD5: Dovecot's maildir has none)" : "")
                            + KNOWN);
        }
        parts.add(new FormatPart(null, key, List.copyOf(modifiers), spec.offset(), spec.width(), spec.zeroPadding()));
        return at.index;
    }

    /**
     * {@code [-][0]width[.[0][-]width]}: with a dot the first number is the offset (its sign
     * kept) and the second the width; without one the sign is ignored, as in Dovecot.
     */
    private static FormatPart spec(Cursor at) {
        int sign = at.skip('-') ? -1 : 1;
        boolean zero = at.skip('0');
        int width = at.number();
        int offset = 0;
        if (at.skip('.')) {
            offset = sign * width;
            zero = at.skip('0');
            width = (at.skip('-') ? -1 : 1) * at.number();
        }
        return new FormatPart(null, '\0', List.of(), offset, width, zero);
    }

    /** A position in the format being parsed. */
    private static final class Cursor {
        private final String text;
        int index;

        Cursor(String text, int index) {
            this.text = text;
            this.index = index;
        }

        char peek() {
            return index < text.length() ? text.charAt(index) : '\0';
        }

        char next() {
            char c = peek();
            index++;
            return c;
        }

        boolean skip(char c) {
            if (peek() == c) {
                index++;
                return true;
            }
            return false;
        }

        /** Decimal digits, bounded so that a long run cannot overflow. */
        int number() {
            int n = 0;
            while (isDigit(peek())) {
                n = Math.min(n * 10 + next() - '0', 100_000);
            }
            return n;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException refused(String format, String why) {
        return new IllegalArgumentException(MaildirConfig.UIDL_FORMAT_KEY + " " + why + ": " + format);
    }

    /** The unique-id Dovecot's POP3 server gives a message with these values. */
    public String render(Values values) {
        StringBuilder out = new StringBuilder(32);
        for (FormatPart part : parts) {
            part.appendTo(out, values);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidlFormat f && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
