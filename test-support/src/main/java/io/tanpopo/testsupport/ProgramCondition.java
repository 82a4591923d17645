package io.tanpopo.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The one place that decides whether a test needing real programs (or root) runs, is skipped,
 * or fails (see {@link RequiresProgram} and {@link RequiresRoot}).
 */
public final class ProgramCondition implements ExecutionCondition {

    /** System property that turns a skip for a missing program into a failure. */
    public static final String REQUIRE_PROPERTY = "tanpopo.require-programs";

    /** Environment variable that does the same ({@code 1} or {@code true}). */
    public static final String REQUIRE_ENV = "TANPOPO_REQUIRE_PROGRAMS";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<RequiresProgram> wanted = context.getElement()
                .map(e -> AnnotationSupport.findRepeatableAnnotations(e, RequiresProgram.class))
                .orElse(List.of());
        List<String> missing = wanted.stream()
                .filter(p -> find(p.value()).isEmpty())
                .map(p -> p.value() + " (install the Debian package " + p.debianPackage() + ")")
                .distinct()
                .collect(Collectors.toCollection(ArrayList::new));
        context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresRoot.class))
                .filter(root -> !isRoot())
                .ifPresent(root -> missing.add("root (" + root.value() + ")"));
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("programs installed");
        }
        String reason = "needs what is not here: " + String.join(", ", missing);
        if (required()) {
            throw new ExtensionConfigurationException(
                    reason + "; programs are required (" + REQUIRE_PROPERTY + " / " + REQUIRE_ENV + ")");
        }
        SkipReport.record(reason, context.getUniqueId());
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Where {@code program} is, found as a shell would: an absolute path, or along {@code PATH}. */
    public static Optional<Path> find(String program) {
        try {
            if (program.indexOf('/') >= 0) {
                Path path = Path.of(program);
                return executable(path) ? Optional.of(path) : Optional.empty();
            }
            String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
            return Stream.of(searchPath.split(File.pathSeparator))
                    .filter(dir -> !dir.isEmpty())
                    .map(dir -> Path.of(dir, program))
                    .filter(ProgramCondition::executable)
                    .findFirst();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Whether this JVM runs as root (uid 0). */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** The system property when it is set (so that it can also say false), else the environment. */
    private static boolean required() {
        String property = System.getProperty(REQUIRE_PROPERTY);
        if (property != null) {
            return Boolean.parseBoolean(property);
        }
        String env = System.getenv(REQUIRE_ENV);
        return "1".equals(env) || "true".equalsIgnoreCase(env);
    }
}
