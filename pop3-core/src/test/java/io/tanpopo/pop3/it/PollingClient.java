package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.DovecotDaemon;
import io.tanpopo.testsupport.MailUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real POP3 client in keep mode that remembers UIDLs and fetches only messages it has not
 * seen (RFC 1939 §7), delivering each into its own maildir: mpop, fetchmail or getmail.
 */
enum PollingClient {
    MPOP,
    FETCHMAIL,
    GETMAIL;

    /** Writes the client's configuration for alice at {@code port} into {@code dir}. */
    void configure(Path dir, int port) throws IOException {
        Path out = dir.resolve("out");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(out.resolve(sub));
        }
        Files.createDirectories(dir.resolve("state"));
        String config = switch (this) {
            case MPOP ->
                String.join(
                        "\n",
                        "account default",
                        "host 127.0.0.1",
                        "port " + port,
                        "user alice",
                        "password " + DovecotDaemon.PASSWORD,
                        "auth user",
                        "tls off",
                        "keep on",
                        "only_new on",
                        "uidls_file " + dir.resolve("state/uidls"),
                        "delivery maildir " + out,
                        "");
            case FETCHMAIL ->
                String.join(
                        "\n",
                        "set no syslog",
                        "poll 127.0.0.1 proto pop3 port " + port
                                + " uidl user \"alice\" password \"" + DovecotDaemon.PASSWORD + "\" keep sslproto \"\""
                                + " mda \"/usr/bin/mdeliver " + out + "\"",
                        "");
            case GETMAIL ->
                String.join(
                        "\n",
                        "[retriever]",
                        "type = SimplePOP3Retriever",
                        "server = 127.0.0.1",
                        "port = " + port,
                        "username = alice",
                        "password = " + DovecotDaemon.PASSWORD,
                        "[destination]",
                        "type = Maildir",
                        "path = " + out + "/",
                        "[options]",
                        "delete = false",
                        "read_all = false",
                        "verbose = 0",
                        "");
        };
        Path rc = Files.writeString(dir.resolve("rc"), config);
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        MailUser.giveToMailUser(dir);
    }

    /** Polls once; gives how many messages the client has delivered in all. */
    long poll(Path dir) throws IOException {
        String rc = dir.resolve("rc").toString();
        String state = dir.resolve("state").toString();
        List<String> command = switch (this) {
            case MPOP -> MailUser.asMailUser(dir, "mpop", "-C", rc, "-q");
            case FETCHMAIL ->
                MailUser.asMailUser(
                        dir,
                        "fetchmail",
                        "-f",
                        rc,
                        "--idfile",
                        state + "/ids",
                        "--pidfile",
                        state + "/pid",
                        "--nosyslog",
                        "-s");
            case GETMAIL -> MailUser.asMailUser(dir, "getmail", "--rcfile", rc, "--getmaildir", state);
        };
        ExternalClient.Result result = ExternalClient.run(dir, command);
        // fetchmail: 1 is "no mail"
        assertThat(result.exitCode())
                .as("%s: %s %s", this, result.out(), result.stderr())
                .isIn(0, this == FETCHMAIL ? 1 : 0);
        try (Stream<Path> news = Files.list(dir.resolve("out/new"));
                Stream<Path> curs = Files.list(dir.resolve("out/cur"))) {
            return news.count() + curs.count();
        }
    }
}
