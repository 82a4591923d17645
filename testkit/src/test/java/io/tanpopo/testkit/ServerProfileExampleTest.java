package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Pop3Wire;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;

/** "The server our customer runs": the client under test against imitations of real servers. */
class ServerProfileExampleTest {

    @Test
    void qmail_hasNoCapa_andTheClientStillReadsMail() throws Exception {
        try (Pop3Testkit kit = Pop3Testkit.builder()
                .user("alice", "secret")
                .profile(ServerProfile.qmail())
                .start()) {
            kit.user("alice").deliver("Subject: q\r\n\r\nfrom qmail\r\n");
            try (Pop3Wire pop = Pop3Wire.connect(kit.port())) {
                assertThat(pop.greeting()).matches("\\+OK <[0-9]+\\.[0-9]+\\.[0-9]+@localhost>");
                assertThat(pop.command("CAPA")).isEqualTo("-ERR Unknown command");
            }
            assertThat(subjectsAndUids(kit))
                    .containsExactly("q " + kit.user("alice").uids().get(0));
            assertThat(kit.user("alice").uids().get(0)).matches("[0-9]+\\.1\\.localhost");
        }
    }

    @Test
    void qmail_withItsKnownQuirks_countsDeletedMessagesInStat_andListsLfSizes() {
        ServerProfile qmail = ServerProfile.qmail().withKnownQuirks();
        try (Pop3Testkit kit = Pop3Testkit.builder()
                        .user("alice", "secret")
                        .profile(qmail)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(kit.port())) {
            kit.user("alice").deliver("a\r\nb\r\n");
            kit.user("alice").deliver("c\n");
            pop.login("alice", "secret");
            assertThat(pop.command("LIST 1")).isEqualTo("+OK 1 4");
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(pop.command("STAT")).isEqualTo("+OK 2 6");
            assertThat(pop.command("RETR 1")).startsWith("+OK");
            assertThat(pop.bodyBytes()).hasSize(6);
        }
    }

    @Test
    void dovecot_greetingCapabilitiesAndUidls() {
        try (Pop3Testkit kit = Pop3Testkit.builder()
                        .user("alice", "secret")
                        .profile(ServerProfile.dovecot())
                        .start();
                Pop3Wire pop = Pop3Wire.connect(kit.port())) {
            String uid = kit.user("alice").deliver("Subject: d\r\n\r\nd\r\n");
            assertThat(pop.greeting()).isEqualTo("+OK Dovecot ready.");
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.body()).contains("TOP", "UIDL", "USER").noneMatch(l -> l.startsWith("IMPLEMENTATION"));
            assertThat(uid).matches("00000001[0-9A-F]{8}");
            assertThat(pop.command("APOP alice 0123456789abcdef0123456789abcdef"))
                    .isEqualTo("-ERR Unknown command");
        }
    }

    @Test
    void rfc1939Minimal_refusesTopAndUidl_andAngusFallsBackToRetr() throws Exception {
        try (Pop3Testkit kit = Pop3Testkit.builder()
                .user("alice", "secret")
                .profile(ServerProfile.rfc1939Minimal())
                .start()) {
            kit.user("alice").deliver("Subject: plain\r\n\r\nplain\r\n");
            try (Pop3Wire pop = Pop3Wire.connect(kit.port())) {
                pop.login("alice", "secret");
                assertThat(pop.command("TOP 1 0")).isEqualTo("-ERR Unknown command");
                assertThat(pop.command("UIDL")).isEqualTo("-ERR Unknown command");
                assertThat(pop.command("QUIT")).startsWith("+OK");
            }
            Store store = Session.getInstance(kit.mailProperties()).getStore("pop3");
            store.connect("alice", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("plain");
            inbox.close(false);
            store.close();
        }
    }

    @Test
    void perCapabilitySwitches_hideAndRefuse() {
        ServerProfile noTopNoUser = ServerProfile.tanpopo().without("TOP", "USER", "PIPELINING");
        try (Pop3Testkit kit = Pop3Testkit.builder()
                        .user("alice", "secret")
                        .profile(noTopNoUser)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(kit.port())) {
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.body()).contains("UIDL").doesNotContain("TOP", "USER", "PIPELINING");
            assertThat(pop.command("USER alice")).isEqualTo("-ERR Unknown command");
            assertThat(pop.command("PASS secret")).isEqualTo("-ERR Unknown command");
        }
    }

    @Test
    void courier_sendsNoResponseCodes() {
        try (Pop3Testkit kit = Pop3Testkit.builder()
                        .user("alice", "secret")
                        .profile(ServerProfile.courier())
                        .start();
                Pop3Wire pop = Pop3Wire.connect(kit.port())) {
            assertThat(pop.greeting()).isEqualTo("+OK Hello there.");
            pop.command("USER alice");
            assertThat(pop.command("PASS wrong")).isEqualTo("-ERR Authentication failed");
        }
    }

    @Test
    void gmailLike_withItsQuirk_hidesRetrievedMessagesFromLaterSessions() throws Exception {
        ServerProfile gmail = ServerProfile.gmailLike().withKnownQuirks();
        try (Pop3Testkit kit =
                Pop3Testkit.builder().user("alice", "secret").profile(gmail).start()) {
            kit.user("alice").deliver("Subject: once\r\n\r\nonce\r\n");
            assertThat(kit.user("alice").uids().get(0)).matches("GmailId[0-9a-f]{16}");
            try (Pop3Wire pop = Pop3Wire.connect(kit.port())) {
                assertThat(pop.greeting()).isEqualTo("+OK Gpop ready for requests");
                pop.login("alice", "secret");
                assertThat(pop.command("RETR 1")).startsWith("+OK");
                pop.body();
                assertThat(pop.command("QUIT")).startsWith("+OK");
            }
            assertThat(kit.user("alice").count()).isZero();
        }
    }

    private static List<String> subjectsAndUids(Pop3Testkit kit) throws Exception {
        Store store = Session.getInstance(kit.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        List<String> seen = new ArrayList<>();
        for (Message message : inbox.getMessages()) {
            seen.add(message.getSubject() + " " + inbox.getUID(message));
        }
        inbox.close(false);
        store.close();
        return seen;
    }
}
