package io.tanpopo.pop3.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an access rules file in tcprules(1) syntax: one rule a line,
 * {@code PATTERN:allow[,VAR="value",...]} or {@code PATTERN:deny}; {@code #} comments and blank
 * lines are ignored; an empty pattern ({@code :deny}) matches every client. The file is untrusted
 * input: at most {@link #MAX_SIZE} bytes, and every error names {@code file:line}.
 */
public final class AccessRulesParser {

    /** Rules files larger than this are refused. */
    public static final int MAX_SIZE = 1024 * 1024;

    /** The action ends the pattern; patterns never contain ":allow" or ":deny" (not hex). */
    private static final Pattern ACTION = Pattern.compile(":(allow|deny)(?=,|$)");

    private static final Pattern VARIABLE = Pattern.compile(",([A-Za-z_][A-Za-z0-9_]{0,127})=\"([^\"\\x00]{0,4096})\"");
    /** Set by tanpopo from the connection itself (UCSPI-TCP); a rule must not forge them. */
    private static final Set<String> RESERVED = Set.of(
            "PATH",
            "PROTO",
            "TCPLOCALIP",
            "TCPLOCALPORT",
            "TCPLOCALHOST",
            "TCPREMOTEIP",
            "TCPREMOTEPORT",
            "TCPREMOTEHOST",
            "TCPREMOTEINFO");

    private AccessRulesParser() {}

    /** Reads and parses {@code file}; errors are {@link IllegalArgumentException}s naming file and line. */
    public static AccessRules read(Path file, TemporaryFailurePolicy policy) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SIZE + 1);
        }
        if (bytes.length > MAX_SIZE) {
            throw new IllegalArgumentException(file + ": larger than " + MAX_SIZE + " bytes");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), policy);
    }

    /** Parses rules text; {@code origin} names it in errors. */
    public static AccessRules parse(String text, String origin, TemporaryFailurePolicy policy) {
        List<AccessRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = origin + ":" + (i + 1);
            try {
                rules.add(rule(line, where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new AccessRules(rules, policy);
    }

    private static AccessRule rule(String line, String where) {
        Matcher action = ACTION.matcher(line);
        if (!action.find()) {
            throw new IllegalArgumentException("expected PATTERN:allow or PATTERN:deny, found '" + shorten(line) + "'");
        }
        RulePattern pattern =
                RulePattern.parse(line.substring(0, action.start()).strip());
        boolean allow = action.group(1).equals("allow");
        Map<String, String> environment = variables(line.substring(action.end()));
        if (!allow && !environment.isEmpty()) {
            throw new IllegalArgumentException("deny takes no variables");
        }
        return new AccessRule(pattern, allow, environment, where);
    }

    private static Map<String, String> variables(String rest) {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher variable = VARIABLE.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!variable.find(at) || variable.start() != at) {
                throw new IllegalArgumentException("expected ,NAME=\"value\" at '" + shorten(rest.substring(at)) + "'");
            }
            String name = variable.group(1);
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(name + " is set by tanpopo from the connection, not by rules");
            }
            environment.put(name, variable.group(2));
            at = variable.end();
        }
        return environment;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
