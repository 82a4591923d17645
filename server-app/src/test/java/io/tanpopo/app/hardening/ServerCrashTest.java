package io.tanpopo.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.app.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server process is killed (SIGKILL) at random moments while messages are delivered and
 * sessions retrieve, delete and QUIT. After every kill: each message that no acknowledged QUIT
 * deleted exists exactly once in {@code new/} or {@code cur/}, nothing else is there, and the next
 * server opens the maildrop at once (the kernel dropped the dead process's lock). Seeded, so a
 * failing round replays; {@code -Dtanpopo.long=true} runs 300 rounds instead of 20.
 */
class ServerCrashTest {

    private static final boolean LONG = Boolean.getBoolean("tanpopo.long");

    @TempDir
    Path dir;

    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedForSure = ConcurrentHashMap.newKeySet();
    private final Set<String> maybeDeleted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private Path maildir;

    @AfterEach
    void stop() {
        killer.shutdownNow();
    }

    @Test
    void sigkillDuringDeliveriesAndSessions_losesNoMessage_duplicatesNone_andLeavesNoStaleLock() throws Exception {
        maildir = dir.resolve("mail/alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < 10; i++) {
            deliver();
        }
        Path config = dir.resolve("crash.properties");
        Files.writeString(
                config,
                "pop3.port=0\nauth.users=alice:secret\nstore=maildir\n"
                        + "store.maildir.path=" + dir
                        + "/mail/{user}/Maildir\ntls.enabled=false\nresolver.strategies=none\n"
                        + "auth.failure-delay=0s\nauth.failure-delay-max=0s\nshutdown.grace=0s\n");
        Random random = new Random(20261127);
        int rounds = LONG ? 300 : 20;
        for (int round = 0; round < rounds; round++) {
            crashRound(config, random, round);
            assertInvariant(round);
        }
    }

    private void crashRound(Path config, Random random, int round) throws Exception {
        try (ServerProcess server =
                ServerProcess.serve(config, dir.resolve("server-" + round + ".log"), "-XX:TieredStopAtLevel=1")) {
            int port = server.port();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread deliveries = new Thread(() -> deliverWhile(running, random.nextInt(5) + 1));
            deliveries.start();
            // The kill's effect is observed through the process; its future carries nothing more.
            var unused = killer.schedule(server::kill, 20 + random.nextInt(400), TimeUnit.MILLISECONDS);
            long seed = random.nextLong();
            boolean firstLogin = true;
            for (int session = 0; session < 50 && server.process().isAlive(); session++) {
                runSession(port, new Random(seed + session), firstLogin);
                firstLogin = false;
            }
            running.set(false);
            deliveries.join(10_000);
            server.kill();
            server.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * One session: log in, delete a few messages, QUIT. Only a QUIT answered {@code +OK} counts as
     * committed; one cut short by the kill may or may not have removed its messages.
     */
    private void runSession(int port, Random random, boolean mustLogIn) {
        List<String> marked = new ArrayList<>();
        boolean quitSent = false;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            String login = command(in, out, "USER alice") + command(in, out, "PASS secret");
            if (mustLogIn) {
                // The previous server was killed holding the maildrop: its lock must be gone.
                assertThat(login).doesNotContain("IN-USE").contains("+OK Logged in");
            }
            if (!login.contains("Logged in")) {
                return;
            }
            Map<Integer, String> uids = uidl(in, out);
            for (Map.Entry<Integer, String> entry : uids.entrySet()) {
                if (random.nextInt(3) == 0
                        && command(in, out, "DELE " + entry.getKey()).startsWith("+OK")) {
                    marked.add(entry.getValue());
                }
            }
            maybeDeleted.addAll(marked);
            quitSent = true;
            if (command(in, out, "QUIT").startsWith("+OK")) {
                deletedForSure.addAll(marked);
            }
        } catch (IOException killed) {
            // The server died under this session; what it marked stays "maybe".
        }
    }

    private Map<Integer, String> uidl(BufferedReader in, OutputStream out) throws IOException {
        Map<Integer, String> uids = new HashMap<>();
        if (!command(in, out, "UIDL").startsWith("+OK")) {
            return uids;
        }
        for (String line = in.readLine(); !".".equals(line); line = in.readLine()) {
            if (line == null) {
                throw new IOException("connection closed inside UIDL");
            }
            String[] parts = line.split(" ");
            uids.put(Integer.parseInt(parts[0]), parts[1]);
        }
        return uids;
    }

    private static String command(BufferedReader in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String reply = in.readLine();
        if (reply == null) {
            throw new IOException("connection closed");
        }
        return reply;
    }

    private void deliverWhile(AtomicBoolean running, int count) {
        for (int i = 0; i < count && running.get(); i++) {
            deliver();
        }
    }

    /** Delivers as an MTA does: write into tmp/, then rename into new/ (the maildir protocol). */
    private void deliver() {
        String name = "1700000000.M" + sequence.incrementAndGet() + "P1.crashtest";
        try {
            Path tmp = maildir.resolve("tmp").resolve(name);
            Files.writeString(tmp, "Subject: " + name + "\n\nbody of " + name + "\n");
            Files.move(tmp, maildir.resolve("new").resolve(name));
            delivered.add(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertInvariant(int round) throws IOException {
        Map<String, Integer> present = new HashMap<>();
        for (String sub : List.of("new", "cur")) {
            try (Stream<Path> files = Files.list(maildir.resolve(sub))) {
                files.forEach(f -> present.merge(f.getFileName().toString().split(":", 2)[0], 1, Integer::sum));
            }
        }
        Set<String> strays = new HashSet<>(present.keySet());
        strays.removeAll(delivered);
        assertThat(strays).as("round %d: files nobody delivered", round).isEmpty();
        for (String uid : delivered) {
            int copies = present.getOrDefault(uid, 0);
            if (deletedForSure.contains(uid)) {
                assertThat(copies)
                        .as("round %d: %s was deleted by an acknowledged QUIT", round, uid)
                        .isZero();
            } else if (maybeDeleted.contains(uid)) {
                assertThat(copies)
                        .as("round %d: %s (deleted by a QUIT cut short)", round, uid)
                        .isLessThanOrEqualTo(1);
            } else {
                assertThat(copies)
                        .as("round %d: %s was never deleted", round, uid)
                        .isEqualTo(1);
            }
        }
    }
}
