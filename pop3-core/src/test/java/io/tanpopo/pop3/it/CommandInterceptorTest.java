package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandInterceptor;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one extension point, as an embedder uses it: around every command, over a real socket. */
class CommandInterceptorTest {

    @Test
    void interceptor_changesRepliesAnswersInsteadAndDelays() {
        CommandInterceptor interceptor = (session, line, command) -> switch (line.keyword()) {
            case "NOOP" -> new Dispatcher.Outcome(Reply.ok("answered instead"), Duration.ZERO);
            case "STAT" -> new Dispatcher.Outcome(command.execute(session, line), Duration.ofMillis(300));
            default -> CommandInterceptor.none().intercept(session, line, command);
        };
        try (Pop3Server server = server(interceptor);
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK localhost POP3 server ready <");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(pop.command("NOOP")).isEqualTo("+OK answered instead");
            long start = System.nanoTime();
            assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void commandNotOffered_isUnknownInEveryState_andGreetingIsTheInterceptors() {
        try (Pop3Server server = server(new WithoutTop());
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).matches("\\+OK hello <.+@localhost>");
            assertThat(pop.command("TOP 1 0")).isEqualTo("-ERR Unknown command");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(pop.command("TOP 1 0")).isEqualTo("-ERR Unknown command");
            assertThat(pop.command("UIDL")).startsWith("+OK");
        }
    }

    private static Pop3Server server(CommandInterceptor interceptor) {
        return Pop3Server.builder()
                .hostname("localhost")
                .user("alice", "secret")
                .interceptor(interceptor)
                .start();
    }

    /** A server without TOP that greets with its own words. */
    private static final class WithoutTop implements CommandInterceptor {

        @Override
        public Dispatcher.Outcome intercept(Pop3Session session, CommandLine line, Command command) {
            return CommandInterceptor.none().intercept(session, line, command);
        }

        @Override
        public boolean offers(String keyword) {
            return !keyword.equals("TOP");
        }

        @Override
        public String greeting(String host, String stamp) {
            return "hello " + stamp;
        }
    }
}
