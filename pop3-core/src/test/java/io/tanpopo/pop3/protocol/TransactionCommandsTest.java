package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.store.CrlfSize;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionCommandsTest {

    static final String DOTS = "Subject: dots\r\n\r\n..two\r\n.\r\n.one\r\nend\r\n";
    static final String BARE_LF = "Subject: lf\n\nline one\nline two\n";
    static final byte[] EIGHT_BIT =
            "Subject: 8bit\r\n\r\nGr\u00fc\u00dfe, \u65e5\u672c\r\nno newline at end".getBytes(StandardCharsets.UTF_8);

    private final ProtocolHarness pop = new ProtocolHarness();

    @BeforeEach
    void seedAndLogin() {
        pop.store.mailbox("alice").add(DOTS);
        pop.store.mailbox("alice").add(BARE_LF);
        pop.store.mailbox("alice").add(EIGHT_BIT);
        pop.login();
    }

    @Test
    void stat_countsExactCrlfOctets() {
        long total = CrlfSize.of(DOTS.getBytes(StandardCharsets.UTF_8))
                + CrlfSize.of(BARE_LF.getBytes(StandardCharsets.UTF_8))
                + CrlfSize.of(EIGHT_BIT);
        assertThat(pop.status("STAT")).isEqualTo("+OK 3 " + total);
    }

    @Test
    void retr_dotStuffsAndConvertsBareLf_andSizeMatchesUnstuffedOctets() {
        String wire = ProtocolHarness.wireText(pop.send("RETR 1"));
        assertThat(wire).endsWith("Subject: dots\r\n\r\n...two\r\n..\r\n..one\r\nend\r\n.\r\n");
        String bareLf = ProtocolHarness.wireText(pop.send("RETR 2"));
        assertThat(bareLf).isEqualTo("+OK 35 octets\r\nSubject: lf\r\n\r\nline one\r\nline two\r\n.\r\n");
        assertThat(pop.status("LIST 2")).isEqualTo("+OK 2 35");
    }

    @Test
    void retr_eightBitWithoutFinalNewline_getsCrlfBeforeTerminator() {
        byte[] wire = ProtocolHarness.wire(pop.send("RETR 3"));
        String text = new String(wire, StandardCharsets.UTF_8);
        assertThat(text).endsWith("no newline at end\r\n.\r\n").contains("Gr\u00fc\u00dfe, \u65e5\u672c");
        int bodyStart = text.indexOf("\r\n") + 2;
        int bodyOctets = wire.length - bodyStart - 3;
        assertThat(pop.status("LIST 3")).isEqualTo("+OK 3 " + bodyOctets);
    }

    @Test
    void top_sendsHeaderBlankLineAndRequestedBodyLines() {
        assertThat(ProtocolHarness.wireText(pop.send("TOP 1 0"))).endsWith("\r\nSubject: dots\r\n\r\n.\r\n");
        assertThat(ProtocolHarness.wireText(pop.send("TOP 1 2")))
                .endsWith("\r\nSubject: dots\r\n\r\n...two\r\n..\r\n.\r\n");
        assertThat(ProtocolHarness.wireText(pop.send("TOP 2 1"))).endsWith("\r\nSubject: lf\r\n\r\nline one\r\n.\r\n");
        assertThat(pop.status("TOP 1 -1")).startsWith("-ERR");
        assertThat(pop.status("TOP 1")).isEqualTo("-ERR Syntax: TOP msg n");
    }

    @Test
    void list_and_uidl_listEveryLiveMessage() {
        assertThat(ProtocolHarness.wireText(pop.send("LIST")))
                .matches("(?s)\\+OK 3 messages .*\r\n1 \\d+\r\n2 35\r\n3 \\d+\r\n\\.\r\n");
        String uidl = ProtocolHarness.wireText(pop.send("UIDL"));
        assertThat(uidl.split("\r\n")).hasSize(5);
        String uid1 = pop.store.mailbox("alice").messages().get(0).uid();
        assertThat(pop.status("UIDL 1")).isEqualTo("+OK 1 " + uid1);
    }

    @Test
    void dele_marksOnly_andDeletedMessageIsGoneFromStatListRetr() {
        assertThat(pop.status("DELE 2")).isEqualTo("+OK Message 2 deleted");
        assertThat(pop.status("DELE 2")).isEqualTo("-ERR Message 2 already deleted");
        assertThat(pop.status("RETR 2")).isEqualTo("-ERR Message 2 already deleted");
        assertThat(pop.status("LIST 2")).startsWith("-ERR");
        assertThat(pop.status("UIDL 2")).startsWith("-ERR");
        assertThat(pop.status("STAT")).startsWith("+OK 2 ");
        assertThat(ProtocolHarness.wireText(pop.send("LIST"))).doesNotContain("\r\n2 ");
        assertThat(pop.store.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void rset_unmarksEverything_withOneReply() {
        pop.send("DELE 1");
        pop.send("DELE 3");
        Reply reply = pop.send("RSET");
        assertThat(reply.statusLine()).startsWith("+OK Maildrop has 3 messages");
        assertThat(reply.body()).isEmpty();
        assertThat(pop.status("RETR 1")).startsWith("+OK");
    }

    @Test
    void quit_commitsDeletions_only() {
        pop.send("DELE 1");
        Reply reply = pop.send("QUIT");
        assertThat(reply.statusLine()).isEqualTo("+OK Logging out, 1 messages deleted");
        assertThat(reply.after()).isEqualTo(Reply.After.CLOSE);
        assertThat(pop.store.mailbox("alice").size()).isEqualTo(2);
    }

    @Test
    void closingWithoutQuit_commitsNothing() {
        pop.send("DELE 1");
        pop.session.close().ifPresent(m -> m.close());
        assertThat(pop.store.mailbox("alice").size()).isEqualTo(3);
        assertThat(pop.store.mailbox("alice").isLocked()).isFalse();
    }

    @Test
    void snapshot_isFixed_newMailAppearsInNextSessionOnly() {
        pop.store.mailbox("alice").add("Subject: late\r\n\r\nlate\r\n");
        assertThat(pop.status("STAT")).startsWith("+OK 3 ");
        assertThat(pop.status("RETR 4")).startsWith("-ERR No such message");
        pop.send("DELE 1");
        pop.send("QUIT");
        assertThat(pop.store.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void messageNumbers_badForms_getPreciseErrors() {
        assertThat(pop.status("RETR 0")).isEqualTo("-ERR No such message, only 3 messages in maildrop");
        assertThat(pop.status("RETR -1")).isEqualTo("-ERR Invalid message number: not a number");
        assertThat(pop.status("RETR 99999999999999999999"))
                .isEqualTo("-ERR No such message, only 3 messages in maildrop");
        assertThat(pop.status("RETR 1x")).isEqualTo("-ERR Invalid message number: not a number");
        assertThat(pop.status("RETR")).isEqualTo("-ERR Syntax: RETR msg");
        assertThat(pop.status("DELE 4")).startsWith("-ERR No such message");
        assertThat(pop.status("RETR 001")).startsWith("+OK");
    }

    @Test
    void noop_and_stat_rejectArguments() {
        assertThat(pop.status("NOOP")).isEqualTo("+OK");
        assertThat(pop.status("NOOP x")).startsWith("-ERR");
        assertThat(pop.status("STAT 1")).startsWith("-ERR");
    }

    @Test
    void capa_inTransaction_dropsUser_andAdvertisesConfiguredExtras() {
        String capa = ProtocolHarness.wireText(pop.send("CAPA"));
        assertThat(capa)
                .contains(
                        "TOP\r\n",
                        "UIDL\r\n",
                        "RESP-CODES\r\n",
                        "AUTH-RESP-CODE\r\n",
                        "PIPELINING\r\n",
                        "IMPLEMENTATION tanpopo-test\r\n")
                .doesNotContain("USER\r\n", "EXPIRE", "LOGIN-DELAY");
        ProtocolHarness configured = new ProtocolHarness(
                ProtocolHarness.config(Optional.of(java.time.Duration.ofSeconds(900)), Optional.of("NEVER"), 20),
                null,
                null);
        assertThat(ProtocolHarness.wireText(configured.send("CAPA")))
                .contains("USER\r\n", "EXPIRE NEVER\r\n", "LOGIN-DELAY 900\r\n");
    }
}
