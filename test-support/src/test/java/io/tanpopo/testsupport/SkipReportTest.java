package io.tanpopo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkipReportTest {

    @Test
    void summary_countsSkipsByReason() {
        String line = SkipReport.summary(List.of(
                "needs what is not here: curl (install the Debian package curl)\t[engine:junit-jupiter]/[class:A]",
                "needs what is not here: curl (install the Debian package curl)\t[engine:junit-jupiter]/[class:B]",
                "needs what is not here: root (creates a user)\t[engine:junit-jupiter]/[class:C]"));

        assertThat(line)
                .isEqualTo("tanpopo: 3 test classes or methods skipped: "
                        + "2 × needs what is not here: curl (install the Debian package curl); "
                        + "1 × needs what is not here: root (creates a user)");
    }

    @Test
    void summary_ofNothing_saysSo() {
        assertThat(SkipReport.summary(List.of())).isEqualTo("tanpopo: no test skipped for a missing program");
    }
}
