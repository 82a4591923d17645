package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Pop3Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded random faults replay identically: print the seed with a failure and run it again. */
class RandomFaultsExampleTest {

    private static final long SEED = 20_240_601L;

    @Test
    void sameSeed_sameFaults_sameReplies() {
        try (Pop3Testkit kit = Pop3Testkit.builder().user("alice", "secret").start()) {
            List<String> first = run(kit);
            List<String> firstFaults = faults(kit);
            kit.reset();
            List<String> second = run(kit);

            assertThat(second).isEqualTo(first);
            assertThat(faults(kit)).isEqualTo(firstFaults).isNotEmpty();
        }
    }

    /** A client that sends NOOP until twenty replies or the connection is dropped. */
    private static List<String> run(Pop3Testkit kit) {
        kit.faults().random(SEED, 0.3, "NOOP");
        List<String> replies = new ArrayList<>();
        try (Pop3Wire pop = Pop3Wire.connect(kit.port())) {
            replies.add(pop.login("alice", "secret"));
            for (int i = 0; i < 20; i++) {
                String reply = pop.command("NOOP");
                replies.add(String.valueOf(reply));
                if (reply == null) {
                    break;
                }
            }
        }
        return replies;
    }

    private static List<String> faults(Pop3Testkit kit) {
        return kit.faults().injected().stream()
                .map(f -> f.command() + "#" + f.occurrence() + " " + f.fault())
                .toList();
    }
}
