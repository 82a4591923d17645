package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The queue of received lines is bounded in bytes, whatever the lines are like. */
class PendingLinesTest {

    private final PendingLines pending = new PendingLines();

    /** A line {@code octets} long on the wire; its text does not matter to the cost. */
    private static Input line(int octets) {
        return new Input.Line("", octets);
    }

    private int addUntilFull(int octets, int most) {
        for (int i = 1; i <= most; i++) {
            if (!pending.add(line(octets))) {
                return i;
            }
        }
        return most;
    }

    @Test
    void emptyLines_costTheirObjects_soAFloodOfThemFillsTheBoundEarly() {
        int taken = addUntilFull(2, 100_000);
        assertThat(taken).isLessThanOrEqualTo((int) (PendingLines.BEFORE_LOGIN / PendingLines.ITEM_OVERHEAD));
        assertThat(pending.queued())
                .isBetween(PendingLines.BEFORE_LOGIN, PendingLines.BEFORE_LOGIN + PendingLines.cost(2));
    }

    @Test
    void longestCommandLines_fillTheBoundInBytes_notInLines() {
        int taken = addUntilFull(255, 100_000);
        assertThat(taken).isLessThan(20);
        assertThat(pending.peak()).isLessThanOrEqualTo(PendingLines.BEFORE_LOGIN + PendingLines.cost(255));
    }

    @Test
    void full_resumesOnlyOnceHalfHasRun() {
        int taken = addUntilFull(100, 1_000);
        assertThat(pending.full()).isTrue();
        int resumedAfter = 0;
        for (int i = 1; i <= taken; i++) {
            if (pending.take()) {
                resumedAfter = i;
                break;
            }
        }
        assertThat(resumedAfter).isPositive();
        assertThat(pending.queued()).isLessThanOrEqualTo(PendingLines.BEFORE_LOGIN / 2);
        assertThat(pending.queued() + PendingLines.cost(100)).isGreaterThan(PendingLines.BEFORE_LOGIN / 2);
        assertThat(pending.full()).isFalse();
    }

    @Test
    void afterLogin_theLargerBound_letsAPipelinedBurstIn() {
        assertThat(pending.loggedIn()).isTrue();
        assertThat(pending.loggedIn()).isFalse(); // once: a session never logs in twice
        int taken = addUntilFull("RETR 100\r\n".length(), 100_000);
        assertThat(taken).isGreaterThan(256); // more commands than the old bound of 256 lines
        assertThat(pending.peak()).isLessThanOrEqualTo(PendingLines.LOGGED_IN + PendingLines.cost(10));
    }

    @Test
    void clear_emptiesAndSaysWhetherReadingWasStopped() {
        addUntilFull(255, 1_000);
        assertThat(pending.clear()).isTrue();
        assertThat(pending.queued()).isZero();
        assertThat(pending.peek()).isNull();
        assertThat(pending.clear()).isFalse();
    }
}
