package io.tanpopo.pop3.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The takeover registry's rules, one claim at a time: who is ended, who is waited for, who gives up. */
class UserSessionsTest {

    private final UserSessions sessions = new UserSessions();

    @Test
    void claim_endsTheHoldingSession_andWaitsUntilItIsReleased() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        UserSessions.Claim first = sessions.claim("alice", ended::incrementAndGet);
        assertThat(first.await(Duration.ZERO)).isTrue(); // nobody to wait for
        assertThat(first.hold()).isTrue();
        UserSessions.Claim second = sessions.claim("alice", () -> {});
        assertThat(ended.get()).isEqualTo(1);
        assertThat(first.tenure().beginCommit())
                .as("an ended session commits nothing")
                .isFalse();
        assertThat(second.await(Duration.ofMillis(50))).as("not released yet").isFalse();
        first.tenure().release();
        assertThat(second.await(Duration.ofSeconds(5))).isTrue();
        assertThat(second.hold()).isTrue();
    }

    @Test
    void claim_doesNotEndACommittingSession_butWaitsForItsCommit() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        UserSessions.Claim first = sessions.claim("alice", ended::incrementAndGet);
        assertThat(first.hold()).isTrue();
        assertThat(first.tenure().beginCommit()).isTrue();
        UserSessions.Claim second = sessions.claim("alice", () -> {});
        assertThat(ended.get()).isZero();
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> awaitQuietly(second));
        first.tenure().release(); // the commit is done and the maildrop released
        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anOlderClaimStillWaiting_givesUpWhenANewerOneArrives() throws Exception {
        UserSessions.Claim holding = sessions.claim("alice", () -> {}); // never released: a stuck session
        assertThat(holding.hold()).isTrue();
        UserSessions.Claim waiting = sessions.claim("alice", () -> {});
        CompletableFuture<Boolean> gaveUp = CompletableFuture.supplyAsync(() -> awaitQuietly(waiting));
        UserSessions.Claim newest = sessions.claim("alice", () -> {});
        assertThat(gaveUp.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(waiting.hold()).isFalse();
        waiting.tenure().release();
        holding.tenure().release();
        assertThat(newest.await(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void otherUsers_areNeverEnded() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        UserSessions.Claim alice = sessions.claim("alice", ended::incrementAndGet);
        assertThat(alice.hold()).isTrue();
        UserSessions.Claim bob = sessions.claim("bob", () -> {});
        assertThat(bob.await(Duration.ZERO)).isTrue();
        assertThat(ended.get()).isZero();
    }

    private static boolean awaitQuietly(UserSessions.Claim claim) {
        try {
            return claim.await(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
