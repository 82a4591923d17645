package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.MailUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Courier pop3d ({@code courierpop3d}, Debian's courier-pop) as Debian runs it after a
 * login: {@code courierpop3login} execs it with the account's home as current directory and
 * {@code AUTHENTICATED} and {@code MAILDIR} in the environment, and it speaks POP3 in the
 * TRANSACTION state on its standard input and output. Here it is exec'ed directly, as the mail
 * user (nobody when the tests run as root), with a fixed dialogue on its input; no authentication
 * stack runs.
 */
final class CourierPop3 {

    static final String PROGRAM = "/usr/lib/courier/courier/courierpop3d";
    private static final long MAX_OUTPUT = 1 << 20;

    private final Path home;
    private final Path maildir;
    private int sessions;

    CourierPop3(Path home, Path maildir) {
        this.home = home;
        this.maildir = maildir;
    }

    /** One session: UIDL, LIST, QUIT; the two listings as Courier sent them. */
    Listing listing() throws IOException, InterruptedException {
        List<String> replies = session("UIDL", "LIST", "QUIT");
        assertThat(replies.get(0)).as("Courier's greeting").startsWith("+OK");
        assertThat(replies.get(replies.size() - 1)).as("Courier's QUIT").startsWith("+OK");
        int uidlStart = replies.indexOf("+OK") + 1;
        int uidlEnd = replies.subList(uidlStart, replies.size()).indexOf(".") + uidlStart;
        int listEnd = replies.subList(uidlEnd + 2, replies.size()).indexOf(".") + uidlEnd + 2;
        assertThat(replies.get(uidlEnd + 1)).startsWith("+OK");
        return new Listing(replies.subList(uidlStart, uidlEnd), replies.subList(uidlEnd + 2, listEnd));
    }

    /** Courier's replies to {@code commands}, one string a line, each checked to end in CRLF. */
    private List<String> session(String... commands) throws IOException, InterruptedException {
        sessions++;
        Path in = Files.writeString(home.resolve("courier.in"), String.join("\r\n", commands) + "\r\n");
        Path out = home.resolve("courier" + sessions + ".out");
        Path err = home.resolve("courier" + sessions + ".err");
        ProcessBuilder builder = new ProcessBuilder(MailUser.asMailUser(home, PROGRAM, "./Maildir"))
                .directory(maildir.getParent().toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment()
                .putAll(Map.of("AUTHENTICATED", "alice", "MAILDIR", maildir.toString(), "TCPREMOTEIP", "127.0.0.1"));
        Process courier = builder.start();
        if (!courier.waitFor(30, TimeUnit.SECONDS)) {
            courier.destroyForcibly();
            throw new AssertionError("courierpop3d did not end within 30 s");
        }
        assertThat(courier.exitValue())
                .as("courierpop3d's exit: %s", Files.readString(err))
                .isZero();
        assertThat(Files.size(out)).isLessThan(MAX_OUTPUT);
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        assertThat(text).as("Courier's output ends in CRLF").endsWith("\r\n");
        String[] lines = text.substring(0, text.length() - 2).split("\r\n", -1);
        assertThat(lines).as("no bare LF from Courier").noneMatch(line -> line.contains("\n"));
        return Arrays.asList(lines);
    }

    /** A UIDL and a LIST body, line for line (without CRLF), as a server sent them. */
    record Listing(List<String> uidl, List<String> list) {}
}
