package io.tanpopo.testkit;

import io.tanpopo.pop3.protocol.ResponseCode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Seeded random faults. Whether the n-th occurrence of a command of a user is hit, and how, depends
 * only on the seed, the user, the command and n, never on thread timing: the same seed replays the
 * same faults for the same client behaviour.
 *
 * @param seed the seed; print it with a failure to replay the run
 * @param probability the chance, 0 to 1, that one command is hit
 * @param commands the commands that may be hit; empty for every command
 */
public record RandomFaults(long seed, double probability, Set<String> commands) {

    public RandomFaults {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be 0 to 1, not " + probability);
        }
        commands = commands.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The fault for the {@code n}-th {@code keyword} of {@code user}, if any. */
    Optional<Fault> pick(Optional<String> user, String keyword, int n) {
        if (!commands.isEmpty() && !commands.contains(keyword)) {
            return Optional.empty();
        }
        // String.hashCode is specified, so this key is the same on every JVM.
        String what = user.orElse("") + '\0' + keyword + '\0' + n;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ what.hashCode());
        if (random.nextDouble() >= probability) {
            return Optional.empty();
        }
        boolean body = keyword.equals("RETR") || keyword.equals("TOP");
        return Optional.of(
                switch (random.nextInt(3)) {
                    case 0 -> new Fault.Err(Optional.of(ResponseCode.SYS_TEMP), "Injected failure");
                    case 1 -> new Fault.Delay(Duration.ofMillis(random.nextInt(1, 200)));
                    default -> body ? new Fault.DropMidBody(random.nextInt(0, 64)) : new Fault.Drop();
                });
    }
}
