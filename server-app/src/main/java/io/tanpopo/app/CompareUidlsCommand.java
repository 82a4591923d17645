package io.tanpopo.app;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.login.Cleartext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compare-uidls --old pop3://HOST:PORT --user U --config FILE}: a dry run of a migration.
 * Logs in to the old server, then to tanpopo as configured (an embedded server on 127.0.0.1 over
 * the same maildir, no port of the configuration used), and prints every message whose unique-id
 * or size differs: what a client that keeps mail would fetch again after the switch.
 */
final class CompareUidlsCommand {

    static final String HELP = """
            Usage: java -jar tanpopo.jar compare-uidls --old pop3://HOST:PORT --user USER --config FILE

            Reads USER's password from standard input (one line), logs in to the old server
            (pop3:// or pop3s:// with implicit TLS) and to tanpopo as FILE configures it (an
            embedded server on 127.0.0.1, over the same maildir), and compares UIDL and LIST.
            Prints each message that only one server lists (by unique-id) or whose size differs.
            Nothing is deleted; tanpopo's session ends without QUIT, so nothing is moved. With
            store.maildir.uidl=dovecot, messages Dovecot has not numbered yet get their UIDs in
            dovecot-uidlist, as Dovecot's own next login would give them.
            Exit status: 0 all identical, 1 differences, 2 an error.""";

    private static final int MAX_PASSWORD = 1024;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    CompareUidlsCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(Main.Arguments arguments) {
        if (arguments.help()) {
            out.println(HELP);
            return 0;
        }
        try {
            List<String> rest = new ArrayList<>(arguments.operands());
            URI old = uri(option(rest, "--old"));
            String user = option(rest, "--user");
            if (user.isEmpty() || user.length() > 255 || user.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
                throw new ConfigException("--user must be a user name without spaces or control characters");
            }
            if (!rest.isEmpty() || arguments.config().isEmpty()) {
                throw new ConfigException(
                        "compare-uidls needs --old, --user and --config, and nothing else (see --help)");
            }
            String password = password();
            Settings settings = new Settings(Main.load(arguments));
            Map<String, UidlListing.Message> before = UidlListing.list(old, user, password, true);
            Map<String, UidlListing.Message> after = tanpopo(settings, user, password);
            return report(before, after);
        } catch (IOException | RuntimeException e) { // ConfigException too: a bad key or argument
            err.println("compare-uidls: " + e.getMessage());
            return 2;
        }
    }

    private static Map<String, UidlListing.Message> tanpopo(Settings settings, String user, String password)
            throws IOException {
        try (Pop3Server server = new ServerWiring(settings)
                .builder()
                .bind("127.0.0.1")
                .port(0)
                .noTls()
                .cleartext(Cleartext.ALWAYS)
                .lockMaildrops(false)
                .start()) {
            URI local = URI.create("pop3://127.0.0.1:" + server.port());
            return UidlListing.list(local, user, password, false); // no QUIT: nothing moves
        }
    }

    /** Prints the differences; 0 when there are none, else 1. */
    int report(Map<String, UidlListing.Message> old, Map<String, UidlListing.Message> ours) {
        int differences = 0;
        for (UidlListing.Message m : old.values()) {
            UidlListing.Message same = ours.get(m.uidl());
            if (same == null) {
                out.printf(
                        "only old:     #%d %s (%d octets): clients would fetch it again from tanpopo%n",
                        m.number(), m.uidl(), m.size());
                differences++;
            } else if (same.size() != m.size()) {
                out.printf(
                        "size differs: %s old #%d %d octets, tanpopo #%d %d octets%n",
                        m.uidl(), m.number(), m.size(), same.number(), same.size());
                differences++;
            }
        }
        for (UidlListing.Message m : ours.values()) {
            if (!old.containsKey(m.uidl())) {
                out.printf("only tanpopo: #%d %s (%d octets)%n", m.number(), m.uidl(), m.size());
                differences++;
            }
        }
        out.printf(
                "%d messages on the old server, %d on tanpopo, %d differences%n", old.size(), ours.size(), differences);
        return differences == 0 ? 0 : 1;
    }

    private String password() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (line.size() >= MAX_PASSWORD) {
                throw new ConfigException("the password on standard input is longer than " + MAX_PASSWORD + " octets");
            }
            line.write(b);
        }
        String password = line.toString(StandardCharsets.UTF_8);
        password = password.endsWith("\r") ? password.substring(0, password.length() - 1) : password;
        if (password.isEmpty() || password.chars().anyMatch(c -> c < 0x20)) {
            throw new ConfigException("give the password on standard input, one line");
        }
        return password;
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) {
            throw new ConfigException("compare-uidls needs " + name + " (see --help)");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException("--old must be pop3://HOST:PORT, not " + text);
        }
    }
}
