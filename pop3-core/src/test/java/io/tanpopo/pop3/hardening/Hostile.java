package io.tanpopo.pop3.hardening;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/** Shared steps of the hostile-client tests: the standard mailbox, the after-check, heap use. */
final class Hostile {

    /** Whether the long versions run ({@code -Dtanpopo.long=true}, README, "What is tested"). */
    static final boolean LONG = Boolean.getBoolean("tanpopo.long");

    private Hostile() {}

    /** A server over {@code mail}, with alice (holding the standard mailbox) and bob. */
    static Pop3Server server(MemoryBackend mail, Duration idle) {
        mail.user("alice", "secret").user("bob", "hunter2");
        FuzzedSession.SEED.forEach(m -> mail.mailbox("alice").add(m));
        return mail.builder()
                .port(0)
                .noTls()
                .idleTimeout(idle)
                .maxBadCommands(1_000_000)
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .workerThreads(8)
                .start();
    }

    /** A normal session still works, and alice's maildrop holds exactly what it held before. */
    static void normalSessionWorks(Pop3Server server, MemoryBackend mail, List<MessageInfo> before) {
        Await.until(
                Duration.ofSeconds(20),
                "alice's maildrop unlocked",
                () -> !mail.mailbox("alice").isLocked());
        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
            expectOk(d.login("alice", "secret"));
            expectOk(d.command("STAT"));
            d.command("LIST");
            if (d.body().size() != before.size()) {
                throw new AssertionError("LIST does not show the maildrop as it was");
            }
            expectOk(d.command("QUIT"));
        }
        if (!mail.mailbox("alice").messages().equals(before)) {
            throw new AssertionError(
                    "maildrop changed: " + mail.mailbox("alice").messages());
        }
    }

    static void expectOk(String status) {
        if (status == null || !status.startsWith("+OK")) {
            throw new AssertionError("expected +OK, got " + status);
        }
    }

    /** Used heap after a full collection, in bytes. */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
