package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private final ProtocolHarness pop =
            new ProtocolHarness(ProtocolHarness.config(Optional.empty(), Optional.empty(), 3), null, null);

    @Test
    void unknownCommand_and_wrongState_areDistinguished() {
        assertThat(pop.status("XYZZY")).isEqualTo("-ERR Unknown command");
        assertThat(pop.status("STAT")).isEqualTo("-ERR Command not valid in this state");
    }

    @Test
    void keywords_areCaseInsensitive() {
        assertThat(pop.status("user alice")).startsWith("+OK");
        assertThat(pop.status("pAsS secret")).startsWith("+OK");
        assertThat(pop.status("stat")).startsWith("+OK");
    }

    @Test
    void controlCharacters_areRejected() {
        assertThat(pop.status("US\0ER alice")).isEqualTo("-ERR Invalid command");
        assertThat(pop.status("USER al\u0001ice")).isEqualTo("-ERR Invalid command");
    }

    @Test
    void tooManyBadCommands_closesTheConnection() {
        assertThat(pop.send("BAD").after()).isEqualTo(Reply.After.CONTINUE);
        assertThat(pop.send("BAD").after()).isEqualTo(Reply.After.CONTINUE);
        Reply third = pop.send("BAD");
        assertThat(third.after()).isEqualTo(Reply.After.CLOSE);
        assertThat(third.statusLine()).contains("too many bad commands");
    }

    @Test
    void lineTooLong_isABadCommand() {
        assertThat(pop.dispatcher.lineTooLong(pop.session).reply().statusLine()).isEqualTo("-ERR Line too long");
    }

    @Test
    void commandLongerThanTheLimit_isRejectedAsTooLong_evenBelowTheDecoderCapacity() {
        assertThat(pop.status("USER " + "a".repeat(248))).startsWith("+OK");
        assertThat(pop.status("USER " + "a".repeat(249))).isEqualTo("-ERR Line too long");
    }

    @Test
    void userAfterLogin_isNotValidInTransaction() {
        pop.login();
        assertThat(pop.status("USER alice")).isEqualTo("-ERR Command not valid in this state");
        assertThat(pop.status("PASS secret")).isEqualTo("-ERR Command not valid in this state");
    }

    @Test
    void secrets_areMaskedInCommandLines() {
        assertThat(CommandLine.parse("PASS hunter2").masked()).isEqualTo("PASS ***");
        assertThat(CommandLine.parse("APOP alice 0123456789abcdef0123456789abcdef")
                        .masked())
                .isEqualTo("APOP alice ***");
        assertThat(CommandLine.parse("AUTH PLAIN AGFsaWNlAHNlY3JldA==").masked())
                .isEqualTo("AUTH PLAIN ***");
    }
}
