package io.tanpopo.auth.checkpassword;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what our "next program" printed after a successful check: a marker line, then the
 * environment as {@code env -0} writes it ({@code NAME=value\0…}). The output is untrusted: the
 * checkpassword program may have written anything before it exec'd us, so only the part after the
 * first marker counts, and only well-formed entries (a plain variable name, UTF-8 value without
 * control characters, at most 4096 characters) are kept, at most 256 of them.
 */
final class ReportedEnvironment {

    /** Printed by the next program first; its absence means the next program never ran. */
    static final String MARKER = "tanpopo-checkpassword-env";
    /** The next program: constant, so nothing the client sent ever reaches a shell. */
    static final List<String> NEXT_PROGRAM =
            List.of("/bin/sh", "-c", "printf '\\n%s\\n' " + MARKER + " && exec /usr/bin/env -0");

    private static final byte[] MARKER_LINE = ("\n" + MARKER + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_ENTRIES = 256;
    private static final int MAX_VALUE = 4096;

    private ReportedEnvironment() {}

    /** The reported variables, or empty when the marker is missing. */
    static Optional<Map<String, String>> parse(byte[] output, int length) {
        int start = indexOf(output, length, MARKER_LINE);
        if (start < 0) {
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>();
        int from = start + MARKER_LINE.length;
        for (int i = from; i < length && env.size() < MAX_ENTRIES; i++) {
            if (output[i] == 0) {
                entry(output, from, i).ifPresent(e -> env.putIfAbsent(e.getKey(), e.getValue()));
                from = i + 1;
            }
        }
        return Optional.of(env);
    }

    private static Optional<Map.Entry<String, String>> entry(byte[] output, int from, int to) {
        Optional<String> text = decode(output, from, to);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String s = text.get();
        int eq = s.indexOf('=');
        if (eq < 1
                || s.length() - eq - 1 > MAX_VALUE
                || !NAME.matcher(s.substring(0, eq)).matches()) {
            return Optional.empty();
        }
        String value = s.substring(eq + 1);
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(s.substring(0, eq), value));
    }

    private static Optional<String> decode(byte[] bytes, int from, int to) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
