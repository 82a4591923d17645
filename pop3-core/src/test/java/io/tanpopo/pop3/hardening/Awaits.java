package io.tanpopo.pop3.hardening;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, polling; never a fixed sleep. */
final class Awaits {

    private Awaits() {
    }

    static void until(Duration limit, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
