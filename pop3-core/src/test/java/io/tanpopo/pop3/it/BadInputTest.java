package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client controls is bounded and answered (STYLE.md §7): malformed lines, states, numbers. */
class BadInputTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;

    @BeforeEach
    void start() {
        server = mail.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO).start();
        SeedMessages.seed(mail.mailbox("alice"));
    }

    @AfterEach
    void stop() {
        Sessions.assertServerStillServes(server, mail);
        server.close();
    }

    @Test
    void overlongLine_tenThousandOctets_isRefused_andTheSessionContinues() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            pop.send(("X".repeat(10_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Line too long");
            assertThat(pop.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
        }
    }

    @Test
    void overlongLine_largerThanTheLineBuffer_sentInPieces_isRefusedOnce() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            for (int i = 0; i < 10; i++) {
                pop.send("Y".repeat(5_000).getBytes(StandardCharsets.US_ASCII));
            }
            pop.send("\r\nCAPA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Line too long");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(pop.body()).contains("TOP");
        }
    }

    @Test
    void lineOf255OctetsWithCrlf_isAccepted_andOf256_isTooLong() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.command("USER " + "a".repeat(248))).isEqualTo("+OK Send PASS");
            assertThat(pop.command("USER " + "a".repeat(249))).isEqualTo("-ERR Line too long");
        }
    }

    @Test
    void nulBytesInACommand_areInvalid_andTheSessionContinues() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            pop.send("US\0ER alice\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Invalid command");
            pop.send("USER al\0ice\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Invalid command");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            pop.send("STAT\0\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Invalid command");
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
        }
    }

    @Test
    void binaryGarbage_isInvalid_andTheSessionContinues() {
        ByteArrayOutputStream garbage = new ByteArrayOutputStream();
        // Every other octet value, CR and LF excepted: 127 octets, well under the line limit.
        for (int b = 0; b < 256; b += 2) {
            if (b != '\n') {
                garbage.write(b);
            }
        }
        garbage.writeBytes(new byte[] {'\r', '\n'});
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            pop.send(garbage.toByteArray());
            assertThat(pop.line()).isEqualTo("-ERR Invalid command");
            pop.send(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '\r', '\n'});
            assertThat(pop.line()).isEqualTo("-ERR Invalid command");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
        }
    }

    @Test
    void commandsInTheWrongState_areRefused_andTheSessionContinues() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.command("STAT")).isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.command("RETR 1")).isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.command("NOOP")).isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.command("XYZZY")).isEqualTo("-ERR Unknown command");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(pop.command("USER alice")).isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.command("PASS secret")).isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.command("APOP alice 0123456789abcdef0123456789abcdef"))
                    .isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
        }
    }

    @Test
    void passBeforeUser_isRefused_andDoesNotLogIn() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.command("PASS secret")).startsWith("-ERR").doesNotContain("[AUTH]");
            assertThat(pop.command("STAT")).isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
        }
    }

    @Test
    void badMessageNumbers_areRefused_withoutOverflow_andTheSessionContinues() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            pop.login("alice", "secret");
            for (String command : new String[] {
                "RETR 0",
                "RETR -1",
                "RETR 99999999999999999999",
                "RETR 4",
                "RETR abc",
                "RETR",
                "RETR 1 2",
                "TOP 1 -1",
                "TOP 1 x",
                "TOP 0 0",
                "TOP 1",
                "LIST 0",
                "UIDL 99999999999999999999",
                "DELE -1",
                "DELE 2147483648"
            }) {
                assertThat(pop.command(command)).as(command).startsWith("-ERR");
            }
            assertThat(pop.command("RETR 0")).isEqualTo("-ERR No such message, only 3 messages in maildrop");
            assertThat(pop.command("RETR 99999999999999999999"))
                    .isEqualTo("-ERR No such message, only 3 messages in maildrop");
            assertThat(pop.command("RETR -1")).isEqualTo("-ERR Invalid message number: not a number");
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
            assertThat(mail.mailbox("alice").size()).isEqualTo(3);
        }
    }

    @Test
    void unknownUser_andWrongPassword_getTheSameReply() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            String unknown = pop.login("mallory", "secret");
            String wrong = pop.login("alice", "wrong");
            String apopUnknown = pop.command("APOP mallory 0123456789abcdef0123456789abcdef");
            String apopWrong = pop.command("APOP alice 0123456789abcdef0123456789abcdef");
            assertThat(unknown).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(wrong).isEqualTo(unknown);
            assertThat(apopUnknown).isEqualTo(unknown);
            assertThat(apopWrong).isEqualTo(unknown);
        }
    }

    @Test
    void twentiethBadCommand_byDefault_closesTheConnection() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            for (int i = 1; i < 20; i++) {
                assertThat(pop.command("XYZZY " + i)).isEqualTo("-ERR Unknown command");
            }
            assertThat(pop.command("XYZZY 20")).startsWith("-ERR").contains("closing");
            assertThat(pop.closedByServer()).isTrue();
        }
    }

    @Test
    void maxBadCommands_configured_countsEveryKindOfBadLine() {
        MemoryBackend own = new MemoryBackend().user("alice", "secret");
        try (Pop3Server strict = own.builder().maxBadCommands(3).start();
                Pop3Wire pop = Pop3Wire.connect(strict.port())) {
            assertThat(pop.command("STAT")).isEqualTo("-ERR Command not valid in this state");
            pop.send(("Z".repeat(1_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Line too long");
            pop.send("\0\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).isEqualTo("-ERR Invalid command, too many bad commands, closing");
            assertThat(pop.closedByServer()).isTrue();
            Sessions.assertServerStillServes(strict, own);
        }
    }

    @Test
    void deletedMessage_cannotBeRetrievedListedOrDeletedAgain_andStatExcludesIt() {
        long total = SeedMessages.ALL.stream().mapToLong(SeedMessages::size).sum();
        long first = SeedMessages.size(SeedMessages.DOTS);
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            pop.login("alice", "secret");
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Message 1 deleted");
            assertThat(pop.command("RETR 1")).isEqualTo("-ERR Message 1 already deleted");
            assertThat(pop.command("TOP 1 0")).isEqualTo("-ERR Message 1 already deleted");
            assertThat(pop.command("LIST 1")).isEqualTo("-ERR Message 1 already deleted");
            assertThat(pop.command("UIDL 1")).isEqualTo("-ERR Message 1 already deleted");
            assertThat(pop.command("DELE 1")).isEqualTo("-ERR Message 1 already deleted");
            assertThat(pop.command("STAT")).isEqualTo("+OK 2 " + (total - first));
            assertThat(pop.command("LIST")).startsWith("+OK 2 messages");
            assertThat(pop.body()).extracting(l -> l.split(" ")[0]).containsExactly("2", "3");
            assertThat(pop.command("RSET")).isEqualTo("+OK Maildrop has 3 messages (" + total + " octets)");
            assertThat(pop.command("STAT")).isEqualTo("+OK 3 " + total);
            assertThat(pop.command("RETR 1")).isEqualTo("+OK " + first + " octets");
            assertThat(pop.bodyBytes()).isEqualTo(SeedMessages.crlf(SeedMessages.DOTS));
            assertThat(pop.command("QUIT")).isEqualTo("+OK Logging out, 0 messages deleted");
        }
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
    }
}
