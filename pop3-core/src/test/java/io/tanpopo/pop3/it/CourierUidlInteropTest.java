package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.store.maildir.UidlStyle;
import io.tanpopo.testsupport.MailUser;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tanpopo ({@code store.maildir.uidl=courier}) and the real Courier pop3d on one maildir, one
 * after the other: the UIDL and LIST replies agree byte for byte, whichever served first and
 * whichever numbered the newest mail. The messages are stored with LF line ends, as delivery
 * agents write them, with a line starting with "." and names that Courier's order sorts by the
 * bytes after the time (M10 before M9).
 */
@RequiresProgram(value = CourierPop3.PROGRAM, debianPackage = "courier-pop")
@RequiresProgram(value = "/usr/bin/setpriv", debianPackage = "util-linux")
class CourierUidlInteropTest {

    private static final String PASSWORD = "secret";

    @TempDir
    Path dir;

    private int delivered;

    @Test
    void courierFirst_tanpopoServesCouriersList_thenCourierTheUidsTanpopoGaveNewMail() throws Exception {
        Path maildir = maildir();
        Files.writeString(maildir.resolve("cur/1700000000.M9P1.host:2,S"), "Subject: seen\n\nread\n");
        Files.writeString(maildir.resolve("cur/1700000000.M10P1.host:2,"), "Subject: m10\n\n.dot\nline\n");
        deliver(maildir, 3);
        MailUser.giveToMailUser(dir.resolve("alice"));
        CourierPop3 courier = new CourierPop3(dir, maildir);
        try (Pop3Server tanpopo = tanpopo()) {
            CourierPop3.Listing first = courier.listing();
            assertThat(first.uidl()).hasSize(5).allMatch(line -> line.matches("\\d+ UID\\d+-\\d+"));
            assertThat(maildir.resolve("courierpop3dsizelist")).exists();
            assertThat(listing(tanpopo)).isEqualTo(first);

            deliver(maildir, 2);
            CourierPop3.Listing numberedByTanpopo = listing(tanpopo);
            assertThat(numberedByTanpopo.uidl())
                    .hasSize(7)
                    .startsWith(first.uidl().toArray(String[]::new));
            assertThat(courier.listing()).isEqualTo(numberedByTanpopo);
            assertThat(listing(tanpopo)).isEqualTo(numberedByTanpopo);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void maildirNeitherServed_whoeverServesFirst_theOtherAgrees(boolean courierFirst) throws Exception {
        Path maildir = maildir();
        Files.writeString(maildir.resolve("cur/1700000000.M10P1.host:2,S"), "Subject: old\n\n..two dots\n");
        deliver(maildir, 4);
        MailUser.giveToMailUser(dir.resolve("alice"));
        CourierPop3 courier = new CourierPop3(dir, maildir);
        try (Pop3Server tanpopo = tanpopo()) {
            CourierPop3.Listing first = courierFirst ? courier.listing() : listing(tanpopo);
            CourierPop3.Listing second = courierFirst ? listing(tanpopo) : courier.listing();
            assertThat(first.uidl()).hasSize(5).allMatch(line -> line.matches("\\d+ UID\\d+-\\d+"));
            assertThat(second).isEqualTo(first);
        }
    }

    /**
     * Where LIST sizes differ, and why: Courier counts a message's octets plus one per LF (its
     * {@code calcsize}), even where a CR is already there (its RETR then sends CR CR LF), and
     * adds nothing for a last line without LF (its RETR then sends a CRLF it did not count).
     * tanpopo counts the octets it sends (RFC 1939, section 5: the exact size). The unique-ids
     * agree all the same.
     */
    @Test
    void listSizes_differForCrlfAndUnterminatedMessages_only() throws Exception {
        Path maildir = maildir();
        String crlf = "Subject: crlf\r\n\r\nbody\r\n";
        String unterminated = "Subject: no end\n\nbody";
        String lf = "Subject: lf\n\nbody\n";
        Files.writeString(maildir.resolve("cur/1700000000.M1P1.host:2,"), crlf);
        Files.writeString(maildir.resolve("cur/1700000000.M2P1.host:2,"), unterminated);
        Files.writeString(maildir.resolve("cur/1700000000.M3P1.host:2,"), lf);
        MailUser.giveToMailUser(dir.resolve("alice"));
        try (Pop3Server tanpopo = tanpopo()) {
            CourierPop3.Listing courier = new CourierPop3(dir, maildir).listing();
            CourierPop3.Listing ours = listing(tanpopo);
            assertThat(ours.uidl()).isEqualTo(courier.uidl());
            assertThat(courier.list())
                    .containsExactly(
                            "1 " + (crlf.length() + 3), "2 " + (unterminated.length() + 2), "3 " + (lf.length() + 3));
            assertThat(ours.list())
                    .containsExactly(
                            "1 " + crlf.length(), "2 " + (unterminated.length() + 2 + 2), "3 " + (lf.length() + 3));
        }
    }

    /**
     * The list tanpopo writes for mail it numbers is the list Courier writes for the same mail
     * (UIDVALIDITY aside, the time of each): names as Courier gives them after moving new/ to
     * cur/, Courier's sizes (see above) and UTF-8 marks (8-bit octets in a header); a message in
     * cur/ without ":" is listed under the name tanpopo's QUIT gives it, so that Courier, serving
     * the maildir afterwards, keeps every UID.
     */
    @Test
    void listTanpopoWrites_isTheListCourierWrites_forTheSameMail() throws Exception {
        Path ours = maildir("alice");
        Path couriers = maildir("bob");
        for (Path maildir : List.of(ours, couriers)) {
            Files.writeString(maildir.resolve("cur/1700000000.M1P1.host:2,S"), "Subject: crlf\r\n\r\nbody\r\n");
            Files.writeString(maildir.resolve("new/1700000000.M2P1.host"), "Subject: no end\n\nbody");
            Files.writeString(maildir.resolve("new/1700000000.M10P1.host"), "Subject: Gr\u00fc\u00dfe\n\nbody\n");
            Files.writeString(maildir.resolve("cur/1700000001.M1P1.host"), "Subject: plain\n\nGr\u00fc\u00dfe\n");
            Files.writeString(maildir.resolve("cur/1700000002.M1P1.host:2,"), "Subject: dot\n\n.dot\n");
            MailUser.giveToMailUser(maildir.getParent());
        }
        try (Pop3Server tanpopo = tanpopo()) {
            CourierPop3.Listing served = listing(tanpopo);
            CourierPop3.Listing courier = new CourierPop3(dir, couriers).listing();
            assertThat(served.uidl()).isEqualTo(courier.uidl());
            // tanpopo's QUIT named cur/1700000001.M1P1.host as Courier's does not: X:2,
            assertThat(sizeList(ours))
                    .contains(":1\n")
                    .isEqualTo(sizeList(couriers).replace("1700000001.M1P1.host ", "1700000001.M1P1.host:2, "));
            assertThat(new CourierPop3(dir, ours).listing()).isEqualTo(courier);
        }
    }

    /** The maildir's {@code courierpop3dsizelist}, its UIDVALIDITY written as V. */
    private static String sizeList(Path maildir) throws IOException {
        String list = Files.readString(maildir.resolve("courierpop3dsizelist"));
        String validity = list.substring(0, list.indexOf('\n')).split(" ")[2];
        return list.replace(validity, "V");
    }

    private Path maildir() throws IOException {
        return maildir("alice");
    }

    private Path maildir(String user) throws IOException {
        Path maildir = dir.resolve(user + "/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        return maildir;
    }

    private Pop3Server tanpopo() {
        MaildirConfig config = MaildirConfig.of(dir + "/{user}/Maildir").withUidl(UidlStyle.COURIER);
        return Pop3Server.builder()
                .user("alice", PASSWORD)
                .store(new MaildirStore(config))
                .start();
    }

    /** Delivers as an agent does: the file in tmp/, then renamed into new/, owned by the mail user. */
    private void deliver(Path maildir, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            delivered++;
            String name = (1700000100 + delivered) + ".M" + delivered + "P42.host";
            Path tmp = Files.writeString(
                    maildir.resolve("tmp/" + name),
                    "From: sender@example.org\nSubject: " + delivered + "\n\n"
                            + (delivered % 2 == 0 ? ".a line with a dot\n" : "bare\nline feeds\n"));
            Files.move(tmp, maildir.resolve("new/" + name), StandardCopyOption.ATOMIC_MOVE);
        }
        MailUser.giveToMailUser(dir.resolve("alice"));
    }

    /** tanpopo's UIDL and LIST bodies, in one session ended by QUIT. */
    private static CourierPop3.Listing listing(Pop3Server tanpopo) {
        try (Pop3Wire client = Pop3Wire.open(tanpopo.port())) {
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS " + PASSWORD)).startsWith("+OK");
            assertThat(client.command("UIDL")).startsWith("+OK");
            List<String> uidl = client.rawBody();
            assertThat(client.command("LIST")).startsWith("+OK");
            List<String> list = client.rawBody();
            assertThat(client.command("QUIT")).startsWith("+OK");
            return new CourierPop3.Listing(uidl, list);
        }
    }
}
