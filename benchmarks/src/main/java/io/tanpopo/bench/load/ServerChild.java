package io.tanpopo.bench.load;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.store.memory.MemoryStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server in a JVM of its own, started by the load driver, so that its CPU, heap and resident
 * memory are its own (as Dovecot's are) and the driver's client threads do not share its GC.
 * Prints {@code PORT n} once listening and stops when standard input closes.
 *
 * <pre>
 * ServerChild tanpopo-maildir PATH_TEMPLATE USERS
 * ServerChild tanpopo-memory  SEED_MAILDIR  USERS
 * ServerChild greenmail       SEED_MAILDIR  USERS
 * ServerChild tanpopo-resolving STRATEGIES USERS DNS_HOST:PORT
 * </pre>
 * Users are {@code u0 … u(USERS-1)} with the password {@link #PASSWORD}; the in-memory stores give
 * each user a copy of the messages in {@code SEED_MAILDIR/cur}. {@code tanpopo-resolving} is the
 * in-memory store with no messages and client name resolution ({@link ResolvingServer}).
 */
public final class ServerChild {

    static final String PASSWORD = "secret";

    private ServerChild() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int users = Integer.parseInt(args[2]);
        AutoCloseable server = switch (kind) {
            case "tanpopo-maildir" -> tanpopoMaildir(args[1], users);
            case "tanpopo-memory" -> tanpopoMemory(MailSeed.read(Path.of(args[1])), users);
            case "greenmail" -> greenMail(MailSeed.read(Path.of(args[1])), users);
            case "tanpopo-resolving" -> ResolvingServer.start(args[1], ResolverConfig.parseServer(args[3]), users);
            case "tanpopo-flood" -> tanpopoFlooded(users);
            default -> throw new IllegalArgumentException("unknown server kind " + kind);
        };
        System.out.println("PORT " + port(server));
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait until the driver closes our standard input
        }
        server.close();
        System.exit(0);
    }

    private static int port(AutoCloseable server) {
        return server instanceof Pop3Server tanpopo
                ? tanpopo.port()
                : ((GreenMailHandle) server).greenMail.getPop3().getPort();
    }

    /** tanpopo as the benchmarks run it: no TLS, no login delay, maildrop lock off (Dovecot's default). */
    static Pop3ServerBuilder tanpopoBuilder(int users) {
        Pop3ServerBuilder builder = Pop3Server.builder()
                .port(0)
                .noTls()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .lockMaildrops(false);
        for (int i = 0; i < users; i++) {
            builder.user("u" + i, PASSWORD);
        }
        return builder;
    }

    /** In-memory tanpopo with the failed-login delay left on (its default), for the flood of measure 8. */
    private static Pop3Server tanpopoFlooded(int users) {
        Pop3ServerBuilder builder = Pop3Server.builder().port(0).noTls();
        for (int i = 0; i < users; i++) {
            builder.user("u" + i, PASSWORD);
        }
        return builder.start();
    }

    private static Pop3Server tanpopoMaildir(String template, int users) {
        return tanpopoBuilder(users)
                .store(new MaildirStore(MaildirConfig.of(template).withLock(false)))
                .start();
    }

    private static Pop3Server tanpopoMemory(List<byte[]> messages, int users) {
        MemoryStore store = new MemoryStore(LockMode.OFF);
        for (int i = 0; i < users; i++) {
            for (byte[] message : messages) {
                store.mailbox("u" + i).add(message);
            }
        }
        return tanpopoBuilder(users).store(store).start();
    }

    static GreenMailHandle greenMail(List<byte[]> messages, int users) throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        greenMail.start();
        for (int i = 0; i < users; i++) {
            GreenMailUser user = greenMail.setUser("u" + i + "@example.org", "u" + i, PASSWORD);
            for (byte[] message : messages) {
                user.deliver(GreenMailUtil.newMimeMessage(new ByteArrayInputStream(message)));
            }
        }
        return new GreenMailHandle(greenMail);
    }

    /** GreenMail as an {@link AutoCloseable}. */
    record GreenMailHandle(GreenMail greenMail) implements AutoCloseable {
        @Override
        public void close() {
            greenMail.stop();
        }
    }
}
