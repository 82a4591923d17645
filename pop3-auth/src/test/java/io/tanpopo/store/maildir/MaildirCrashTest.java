package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A QUIT killed (SIGKILL) at any point leaves every message that was not to be deleted exactly
 * once, in new/ or cur/, and the next session is not locked out.
 */
class MaildirCrashTest {

    private static final int ROUNDS = 100;
    private static final int MESSAGES = 8;
    private static final Duration CHILD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void commitKilledAtRandomPoints_neverLosesOrDuplicatesAMessage() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        Random random = new Random(20240611L);
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            while (md.bases().size() < MESSAGES) {
                next++;
                md.deliver(TestMaildir.name(1_000_000 + next, next), "message " + next + "\n.\n");
            }
            List<String> before = sortedBases(md);
            Set<Integer> deleted = new HashSet<>();
            StringJoiner del = new StringJoiner(",");
            for (int i = 0; i < before.size(); i++) {
                if (random.nextInt(3) == 0) {
                    deleted.add(i);
                    del.add(Integer.toString(i));
                }
            }
            // -1: no pause, killed as soon as it says "committing" (real timing)
            int pause = random.nextInt(4) == 0 ? -1 : random.nextInt(before.size() + 1);
            runAndKill(md, deleted.isEmpty() ? "-" : del.toString(), pause, round);
            check(md, before, deleted, round);
        }
    }

    private static void runAndKill(TestMaildir md, String deleted, int pause, int round) throws Exception {
        try (ChildJvm child = MaildirChild.start("commit", md.template(), md.user, deleted, Integer.toString(pause))) {
            assertThat(child.nextLine(CHILD)).as("round %d", round).isEqualTo("committing");
            if (pause >= 0) {
                assertThat(child.nextLine(CHILD)).as("round %d", round).matches("paused|committed .*");
            }
            child.kill();
        }
    }

    private static void check(TestMaildir md, List<String> before, Set<Integer> deleted, int round) {
        List<String> after = md.bases();
        for (int i = 0; i < before.size(); i++) {
            String base = before.get(i);
            long copies = after.stream().filter(base::equals).count();
            if (deleted.contains(i)) {
                assertThat(copies).as("round %d, deleted %s", round, base).isLessThanOrEqualTo(1);
            } else {
                assertThat(copies).as("round %d, kept %s", round, base).isEqualTo(1);
            }
        }
    }

    private static List<String> sortedBases(TestMaildir md) {
        List<String> bases = new ArrayList<>(md.bases());
        bases.sort((a, b) -> {
            long ta = Long.parseLong(a.substring(0, a.indexOf('.')));
            long tb = Long.parseLong(b.substring(0, b.indexOf('.')));
            return ta != tb ? Long.compare(ta, tb) : a.compareTo(b);
        });
        return bases;
    }
}
