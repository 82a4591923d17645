package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.session.DriverState.Phase;
import org.junit.jupiter.api.Test;

/** The driver's one state: which transitions open and close the client's input, and who runs next. */
class DriverStateTest {

    @Test
    void opened_isIdle_takesInput_andKnowsNoClientYet() {
        DriverState opened = DriverState.opened();
        assertThat(opened.is(Phase.IDLE)).isTrue();
        assertThat(opened.takesInput()).isTrue();
        assertThat(opened.clientSettled()).isFalse();
    }

    @Test
    void stls_dropsInputUntilTheHandshakeIsDone() {
        DriverState held = DriverState.opened().in(Phase.RUNNING).untilTls();
        assertThat(held.takesInput()).isFalse();
        assertThat(held.tlsDone().takesInput()).isTrue();
    }

    @Test
    void inputShutForGood_staysShut_whenAHandshakeFinishesAfter() {
        DriverState quit = DriverState.opened().untilTls().shut("quit");
        assertThat(quit.tlsDone().takesInput()).isFalse();
        assertThat(quit.untilTls().tlsDone().takesInput()).isFalse();
        assertThat(quit.how()).isEqualTo("quit");
    }

    @Test
    void settled_runsOnlyALoginThatWaitedForTheClient() {
        assertThat(DriverState.opened().in(Phase.WAITING_FOR_CLIENT).settled().is(Phase.RUNNING))
                .isTrue();
        DriverState idle = DriverState.opened().settled();
        assertThat(idle.is(Phase.IDLE)).isTrue();
        assertThat(idle.clientSettled()).isTrue();
    }

    @Test
    void closed_takesNoInput() {
        assertThat(DriverState.opened().in(Phase.CLOSED).takesInput()).isFalse();
    }
}
