package io.tanpopo.pop3.hardening.maildir;

import static io.tanpopo.pop3.hardening.maildir.MaildirRig.attacker;
import static io.tanpopo.pop3.hardening.maildir.MaildirRig.loggedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15, links: a maildir user who plants symbolic links, before login or between login and
 * RETR/QUIT, reaches nothing outside their maildir (a directory swapped after login makes the
 * session's RETR and QUIT fail, and nothing is lost). Each test is the attack as typed in a shell by
 * the maildir's (unprivileged) owner against a real server.
 */
@RequiresProgram(value = "setpriv", debianPackage = "util-linux")
@RequiresProgram(value = "ln", debianPackage = "coreutils")
@RequiresProgram(value = "mv", debianPackage = "coreutils")
@RequiresProgram(value = "rm", debianPackage = "coreutils")
class MaildirLinkAttackTest {

    private static final String CUR_NAME = "1700000000.M1P1.host:2,";
    private static final String MINE = "Subject: mine\r\n\r\nmine\r\n";
    private static final String SECRET = "root:$6$salt$hash:19000:0:99999:7:::\n";

    @TempDir
    Path dir;

    private MaildirRig rig;
    private Path eve;

    @BeforeEach
    void eve() throws Exception {
        rig = new MaildirRig(dir);
        eve = rig.maildir("eve");
        rig.message("eve", "cur", CUR_NAME, MINE);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void lockFileLinkedToASystemFile_theFileIsUntouched_andLoginWorks() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        rig.handOver("eve");
        attacker(eve, "ln", "-s", passwd.toString(), "tanpopo.lock");
        Pop3Server server = rig.server(UnaryOperator.identity());

        try (Pop3Wire client = loggedIn(server, "eve")) {
            assertThat(client.command("QUIT")).startsWith("+OK");
        }

        assertThat(passwd).hasContent("root:x:0:0:root:/root:/bin/bash");
        assertThat(Files.isSymbolicLink(eve.resolve("tanpopo.lock")))
                .as("the link replaced")
                .isFalse();
    }

    @Test
    void curSwappedForALinkAfterLogin_retrAndQuitAreRefused_andNothingOutsideIsReadOrDeleted() throws Exception {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path shadow = Files.writeString(etc.resolve(CUR_NAME), SECRET);
        rig.handOver("eve");
        Pop3Server server = rig.server(UnaryOperator.identity());

        try (Pop3Wire client = loggedIn(server, "eve")) {
            assertThat(client.command("LIST 1")).isEqualTo("+OK 1 " + MINE.length());
            attacker(eve, "mv", "cur", "c2");
            attacker(eve, "ln", "-s", etc.toString(), "cur");

            assertThat(client.command("RETR 1")).startsWith("-ERR [SYS/TEMP]");
            assertThat(client.command("DELE 1")).startsWith("+OK");
            assertThat(client.command("QUIT")).startsWith("-ERR [SYS/TEMP]");
        }

        assertThat(shadow).hasContent(SECRET.strip());
        assertThat(eve.resolve("c2").resolve(CUR_NAME))
                .as("nothing lost either")
                .hasContent(MINE);
        attacker(eve, "rm", "cur");
        attacker(eve, "mv", "c2", "cur");
        try (Pop3Wire client = loggedIn(server, "eve")) {
            assertThat(client.command("RETR 1")).startsWith("+OK");
            assertThat(new String(client.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo(MINE);
        }
    }

    @Test
    void curSwappedForALinkAfterLogin_quitRenamesNothingThroughTheLink() throws Exception {
        String delivered = "1700000100.M2P1.host";
        rig.message("eve", "new", delivered, "Subject: new\r\n\r\nnew\r\n");
        Path drop = Files.createDirectory(dir.resolve("drop"));
        rig.handOver("eve");
        Pop3Server server = rig.server(UnaryOperator.identity());

        try (Pop3Wire client = loggedIn(server, "eve")) {
            attacker(eve, "mv", "cur", "c2");
            attacker(eve, "ln", "-s", drop.toString(), "cur");
            assertThat(client.command("QUIT")).startsWith("-ERR [SYS/TEMP]");
        }

        try (Stream<Path> dropped = Files.list(drop)) {
            assertThat(dropped).as("files renamed into the linked folder").isEmpty();
        }
        assertThat(eve.resolve("new").resolve(delivered))
                .as("left where it was")
                .isRegularFile();
    }

    @Test
    void maildirLinkedToAnotherUsersMaildir_isRefused_andTheirMailIsUntouched() throws Exception {
        Path bob = rig.maildir("bob");
        String bobs = "1700000200.M3P1.host";
        rig.message("bob", "new", bobs, "Subject: bob's\r\n\r\nprivate\r\n");
        deleteTree(eve);
        rig.handOver("eve");
        attacker(eve.getParent(), "ln", "-s", bob.toString(), "Maildir");
        Pop3Server server = rig.server(UnaryOperator.identity());

        try (Pop3Wire client = Pop3Wire.connect(server.port())) {
            assertThat(client.login("eve", MaildirRig.PASSWORD)).startsWith("-ERR [SYS/TEMP]");
        }

        try (Pop3Wire client = loggedIn(server, "bob")) {
            assertThat(client.command("STAT")).startsWith("+OK 1 ");
        }
        assertThat(bob.resolve("new").resolve(bobs)).isRegularFile();
    }

    @Test
    void messageSwappedForALinkAfterLogin_retrIsRefused() throws Exception {
        Path shadow = Files.writeString(dir.resolve("shadow"), SECRET);
        rig.handOver("eve");
        Pop3Server server = rig.server(UnaryOperator.identity());

        try (Pop3Wire client = loggedIn(server, "eve")) {
            attacker(eve.resolve("cur"), "mv", CUR_NAME, "x");
            attacker(eve.resolve("cur"), "ln", "-s", shadow.toString(), CUR_NAME);
            assertThat(client.command("RETR 1")).startsWith("-ERR");
        }
        assertThat(Files.isSymbolicLink(eve.resolve("cur").resolve(CUR_NAME))).isTrue();
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p :
                    all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(Files.exists(root, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
