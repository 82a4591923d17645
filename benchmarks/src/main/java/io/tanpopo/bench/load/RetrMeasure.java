package io.tanpopo.bench.load;

import java.nio.file.Path;

/**
 * Measure 3: RETR of every message of a mixed maildir (1 KB to 3 MB, about 14 MB), by 1 and by 4
 * clients at once, each as its own user; MB/s of message octets as sent (CRLF, dot-stuffed). Both
 * servers must send the same octets per pass, which is checked.
 */
record RetrMeasure(Workspace work, Options options, SideBySide sides) implements Measure {

    private static final int USERS = 4;

    @Override
    public void run() throws Exception {
        System.out.println("== 3. RETR throughput: tanpopo vs Dovecot");
        Path seed = work.seed("retr", MailSeed.retrSizes());
        try (Workspace.TanpopoAndDovecot servers = work.tanpopoAndDovecot("m3", seed, USERS)) {
            int tanpopo = servers.tanpopo().port();
            int dovecot = servers.dovecot().port();
            checkSameOctets(tanpopo, dovecot);
            for (int clients : new int[] {1, 4}) {
                sides.compareRates(
                        "3. RETR throughput, maildir, " + clients + " client(s) (MB/s)",
                        "Dovecot",
                        1.5,
                        () -> megabytes(tanpopo, clients),
                        () -> megabytes(dovecot, clients));
            }
        }
        if (options.retrGreenMail()) {
            System.out.println("== 3b. RETR throughput, in-memory: tanpopo vs GreenMail (1 client)");
            try (ServerJvm tanpopo = work.tanpopoMemory(seed, 1);
                    ServerJvm greenMail = work.greenMail(seed, 1)) {
                sides.compareRates(
                        "3b. RETR throughput, in-memory, 1 client (MB/s)",
                        "GreenMail",
                        1.5,
                        () -> megabytes(tanpopo.port(), 1),
                        () -> megabytes(greenMail.port(), 1));
            }
        }
    }

    private double megabytes(int port, int clients) throws Exception {
        return Load.retrieve(port, clients, USERS, options.seconds(), 1000).megabytesPerSecond();
    }

    private static void checkSameOctets(int tanpopo, int dovecot) throws Exception {
        long ours = Load.retrieve(tanpopo, 1, USERS, 0, 1).octets();
        long theirs = Load.retrieve(dovecot, 1, USERS, 0, 1).octets();
        System.out.printf("   one pass: tanpopo sent %,d octets, Dovecot %,d%n", ours, theirs);
        if (ours != theirs) {
            System.out.println("   WARNING: the servers sent different octets for the same messages");
        }
    }
}
