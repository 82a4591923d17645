package io.tanpopo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class ProgramConditionTest {

    @Test
    void missingProgram_skipsWithTheProgramAndItsPackage() {
        EngineExecutionResults results = run(NeedsMissingProgram.class, false);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(skippedWithReason(reason ->
                                reason.contains("tanpopo-no-such-program (install the Debian package tanpopo-pkg)"))));
        assertThat(results.testEvents().started().count()).isZero();
    }

    @Test
    void missingProgram_whenRequired_fails() {
        EngineExecutionResults results = run(NeedsMissingProgram.class, true);

        results.allEvents()
                .assertThatEvents()
                .haveAtLeast(
                        1,
                        event(finishedWithFailure(message(m -> m.contains("tanpopo-no-such-program")
                                && m.contains(ProgramCondition.REQUIRE_PROPERTY)))));
        assertThat(results.allEvents().skipped().count()).isZero();
    }

    @Test
    void installedProgram_runs() {
        EngineExecutionResults results = run(NeedsSh.class, true);

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void find_looksAlongPathAndAtAbsolutePaths(@TempDir Path dir) throws IOException {
        Path plainFile = Files.writeString(dir.resolve("not-a-program"), "text");
        Files.setPosixFilePermissions(plainFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ProgramCondition.find("sh")).isPresent();
        assertThat(ProgramCondition.find("/bin/sh")).isPresent();
        assertThat(ProgramCondition.find(plainFile.toString())).isEmpty();
        assertThat(ProgramCondition.find(dir.toString())).isEmpty(); // a directory
        assertThat(ProgramCondition.find("tanpopo-no-such-program")).isEmpty();
    }

    /**
     * Runs {@code testClass} on its own engine, with programs required or not, and without
     * recording its skips in the build's record (they are this test's, not the build's).
     */
    private static EngineExecutionResults run(Class<?> testClass, boolean required) {
        String requiredBefore = System.getProperty(ProgramCondition.REQUIRE_PROPERTY);
        String recordBefore = System.getProperty(SkipReport.PROPERTY);
        System.setProperty(ProgramCondition.REQUIRE_PROPERTY, Boolean.toString(required));
        System.clearProperty(SkipReport.PROPERTY);
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(testClass))
                    .execute();
        } finally {
            restore(ProgramCondition.REQUIRE_PROPERTY, requiredBefore);
            restore(SkipReport.PROPERTY, recordBefore);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @RequiresProgram(value = "tanpopo-no-such-program", debianPackage = "tanpopo-pkg")
    static class NeedsMissingProgram {
        @Test
        void runs() {}
    }

    @RequiresProgram(value = "/bin/sh", debianPackage = "dash")
    static class NeedsSh {
        @Test
        void runs() {}
    }
}
