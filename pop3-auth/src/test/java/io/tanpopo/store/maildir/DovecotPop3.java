package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dovecot's real POP3 server ({@code /usr/lib/dovecot/pop3}) run once per call in its
 * pre-authenticated stdio mode on a maildir, with a private config and a given
 * {@code pop3_uidl_format}, as nobody (via setpriv) when the tests run as root.
 */
final class DovecotPop3 {

    static final String POP3 = "/usr/lib/dovecot/pop3";

    private final Path home;
    private final Path maildir;

    DovecotPop3(Path home, Path maildir) throws IOException {
        this.home = home;
        this.maildir = maildir;
        ExternalTools.openUp(home);
    }

    /** {@code UIDL} as Dovecot answers it, one unique-id per message in order. */
    List<String> uidls(String format) throws Exception {
        List<String> uidls = new ArrayList<>();
        for (String line : session(format, "UIDL\r\nQUIT\r\n")) {
            String[] fields = line.split(" ");
            if (fields.length == 2 && fields[0].chars().allMatch(Character::isDigit)) {
                uidls.add(fields[1]);
            }
        }
        return uidls;
    }

    /** Dovecot's log so far (warnings such as "corrupted" land here). */
    String log() throws IOException {
        Path log = home.resolve("dovecot.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private List<String> session(String format, String commands) throws Exception {
        Path config = home.resolve("dovecot-pop3.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "mail_location = maildir:" + maildir,
                        "base_dir = " + home.resolve("run"),
                        "state_dir = " + home.resolve("state"),
                        "log_path = " + home.resolve("dovecot.log"),
                        "ssl = no",
                        "pop3_uidl_format = " + format,
                        ""));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("/usr/bin/env", "HOME=" + home, "USER=nobody", POP3, "-c", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(home.resolve("pop3.err").toFile())
                .start();
        process.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("dovecot pop3 finishes")
                .isTrue();
        assertThat(out)
                .as("dovecot pop3 answers; stderr: %s", Files.readString(home.resolve("pop3.err")))
                .startsWith("+OK");
        return out.lines().toList();
    }
}
