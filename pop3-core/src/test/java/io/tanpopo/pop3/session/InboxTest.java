package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The queue of received lines is bounded in bytes, whatever the lines are like. */
class InboxTest {

    /** Items are line lengths on the wire, costed as the session driver costs lines. */
    private final Inbox inbox = new Inbox(item -> Inbox.cost((Integer) item), SessionDriver.BEFORE_LOGIN);

    private int addUntilFull(int octets, int most) {
        for (int i = 1; i <= most; i++) {
            if (!inbox.add(octets)) {
                return i;
            }
        }
        return most;
    }

    @Test
    void emptyLines_costTheirObjects_soAFloodOfThemFillsTheBoundEarly() {
        int taken = addUntilFull(2, 100_000);
        assertThat(taken).isLessThanOrEqualTo((int) (SessionDriver.BEFORE_LOGIN / Inbox.ITEM_OVERHEAD));
        assertThat(inbox.queued()).isBetween(SessionDriver.BEFORE_LOGIN, SessionDriver.BEFORE_LOGIN + Inbox.cost(2));
    }

    @Test
    void longestCommandLines_fillTheBoundInBytes_notInLines() {
        int taken = addUntilFull(255, 100_000);
        assertThat(taken).isLessThan(20);
        assertThat(inbox.peak()).isLessThanOrEqualTo(SessionDriver.BEFORE_LOGIN + Inbox.cost(255));
    }

    @Test
    void full_resumesOnlyOnceHalfHasRun() {
        int taken = addUntilFull(100, 1_000);
        assertThat(inbox.full()).isTrue();
        int resumedAfter = 0;
        for (int i = 1; i <= taken; i++) {
            if (inbox.take()) {
                resumedAfter = i;
                break;
            }
        }
        assertThat(resumedAfter).isPositive();
        assertThat(inbox.queued()).isLessThanOrEqualTo(SessionDriver.BEFORE_LOGIN / 2);
        assertThat(inbox.queued() + Inbox.cost(100)).isGreaterThan(SessionDriver.BEFORE_LOGIN / 2);
        assertThat(inbox.full()).isFalse();
    }

    @Test
    void afterLogin_theLargerBound_letsAPipelinedBurstIn() {
        inbox.bound(SessionDriver.LOGGED_IN);
        int taken = addUntilFull("RETR 100\r\n".length(), 100_000);
        assertThat(taken).isGreaterThan(256); // more commands than the old bound of 256 lines
        assertThat(inbox.peak()).isLessThanOrEqualTo(SessionDriver.LOGGED_IN + Inbox.cost(10));
    }

    @Test
    void clear_emptiesAndSaysWhetherReadingWasStopped() {
        addUntilFull(255, 1_000);
        assertThat(inbox.clear()).isTrue();
        assertThat(inbox.queued()).isZero();
        assertThat(inbox.peek()).isNull();
        assertThat(inbox.clear()).isFalse();
    }
}
