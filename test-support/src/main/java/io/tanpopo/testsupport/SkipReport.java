package io.tanpopo.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The build's record of tests skipped by {@link ProgramCondition}: each skip is appended as a line
 * {@code reason<TAB>test} to the file named by the system property {@value #PROPERTY} (set by the
 * root pom for every module's tests), and {@link #main} prints one line counting them, at the end
 * of the build.
 */
public final class SkipReport {

    /** System property naming the file the skips are appended to. */
    public static final String PROPERTY = "tanpopo.skip-log";

    private SkipReport() {}

    /** Appends one skip, if the build asked for a record. */
    static void record(String reason, String test) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        String line = reason.replace('\t', ' ').replace('\n', ' ') + "\t" + test + "\n";
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record a skipped test in " + file, e);
        }
    }

    /** The one line for {@code lines} of the record. */
    static String summary(List<String> lines) {
        if (lines.isEmpty()) {
            return "tanpopo: no test skipped for a missing program";
        }
        Map<String, Long> byReason = lines.stream()
                .map(line -> line.substring(0, Math.max(0, line.indexOf('\t'))))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        return "tanpopo: " + lines.size() + " test classes or methods skipped: "
                + byReason.entrySet().stream()
                        .map(e -> e.getValue() + " × " + e.getKey())
                        .collect(Collectors.joining("; "));
    }

    /** Prints the summary of the record file {@code args[0]} (absent: nothing was skipped). */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        List<String> lines = Files.exists(file)
                ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .toList()
                : List.of();
        System.out.println(summary(lines));
    }
}
