package io.tanpopo.bench.load;

import java.nio.file.Path;

/**
 * Measures 1 and 2: sessions per second (connect, USER, PASS, STAT, QUIT) by {@value #CLIENTS}
 * client threads as {@value #USERS} users, each with 20 messages of 1–8 KB: tanpopo's maildir store
 * against Dovecot (1), its in-memory store against GreenMail's (2).
 */
record SessionRateMeasure(Workspace work, Options options, SideBySide sides) {

    static final int CLIENTS = 16;
    static final int USERS = 16;

    void maildir() throws Exception {
        System.out.println("== 1. session rate, maildir store: tanpopo vs Dovecot");
        Path seed = work.seed("small", Workspace.smallSizes());
        try (Workspace.TanpopoAndDovecot servers = work.tanpopoAndDovecot("m1", seed, USERS)) {
            compare(
                    "1. session rate, maildir",
                    "Dovecot",
                    5.0,
                    servers.tanpopo().port(),
                    servers.dovecot().port());
        }
    }

    void memory() throws Exception {
        System.out.println("== 2. session rate, in-memory store: tanpopo vs GreenMail");
        Path seed = work.seed("small", Workspace.smallSizes());
        try (ServerJvm tanpopo = work.tanpopoMemory(seed, USERS);
                ServerJvm greenMail = work.greenMail(seed, USERS)) {
            compare("2. session rate, in-memory", "GreenMail", 1.2, tanpopo.port(), greenMail.port());
        }
    }

    private void compare(String measure, String peerName, double target, int tanpopo, int peer) throws Exception {
        sides.compareRates(
                measure + ", " + CLIENTS + " clients (sessions/s)",
                peerName,
                target,
                () -> sessions(tanpopo),
                () -> sessions(peer));
    }

    private double sessions(int port) throws Exception {
        return Load.sessions(port, CLIENTS, USERS, options.seconds(), 1_000_000).sessionsPerSecond();
    }
}
