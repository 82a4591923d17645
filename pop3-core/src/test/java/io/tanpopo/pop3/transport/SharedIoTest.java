package io.tanpopo.pop3.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Servers on one {@link SharedIo} hand their acceptors on: a later server only binds. */
class SharedIoTest {

    private static final String PROBE = "probe";
    private static final String PROBE_SECRET = "probe-secret";

    @Test
    void aClosedServersAcceptor_servesTheNextServer() {
        try (SharedIo io = new SharedIo(1)) {
            Pop3Server first = Pop3Server.builder()
                    .sharedIo(io)
                    .user("alice", "secret")
                    .user(PROBE, PROBE_SECRET)
                    .start();
            assertServes(first);
            first.close();
            assertThat(io.idleAcceptors()).isEqualTo(1);

            try (Pop3Server next = Pop3Server.builder()
                    .sharedIo(io)
                    .user("bob", "other")
                    .user(PROBE, PROBE_SECRET)
                    .start()) {
                assertThat(io.idleAcceptors()).isZero();
                assertThat(next.port()).isPositive();
                assertServes(next);
                try (Pop3Wire pop = Pop3Wire.connect(next.port())) {
                    assertThat(pop.login("alice", "secret"))
                            .as("the first server's user")
                            .startsWith("-ERR");
                }
            }
            assertThat(io.idleAcceptors()).isEqualTo(1);
        }
    }

    @Test
    void acceptorsKept_areBounded_andDisposedWithTheSharedIo() {
        SharedIo io = new SharedIo(1);
        List<Pop3Server> servers = new ArrayList<>();
        for (int i = 0; i < SharedIo.IDLE_ACCEPTORS + 2; i++) {
            servers.add(
                    Pop3Server.builder().sharedIo(io).user("alice", "secret").start());
        }
        servers.forEach(Pop3Server::close);
        assertThat(io.idleAcceptors()).isEqualTo(SharedIo.IDLE_ACCEPTORS);

        Pop3Server late =
                Pop3Server.builder().sharedIo(io).user("alice", "secret").start();
        io.close();
        assertThat(io.idleAcceptors()).isZero();
        late.close();
        assertThat(io.idleAcceptors())
                .as("released after the shared I/O closed: disposed")
                .isZero();
    }

    private static void assertServes(Pop3Server server) {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK");
            assertThat(pop.login(PROBE, PROBE_SECRET)).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }
}
