package io.tanpopo.store.maildir;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.testsupport.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.BitSet;
import java.util.List;

/**
 * A test main run in a second JVM ({@link #start}). Usage:
 * <pre>
 * lock TEMPLATE USER                 open, print "locked" or the result, hold until stdin closes
 * commit TEMPLATE USER DEL PAUSE     open; mark indexes DEL (comma list, "-" for none) deleted
 *                                    and every message retrieved; print "committing"; commit
 *                                    with mark-seen, and after PAUSE file operations (-1: never)
 *                                    print "paused" and block; print "committed RESULT"
 * </pre>
 */
public final class MaildirChild {

    private MaildirChild() {}

    /** Runs this main with {@code args} in a second JVM, set up to start fast; its errors go to ours. */
    static ChildJvm start(String... args) {
        return ChildJvm.start(
                MaildirChild.class,
                List.of(
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xshare:auto",
                        "-Dslf4j.internal.verbosity=ERROR"),
                List.of(args),
                ProcessBuilder.Redirect.INHERIT);
    }

    public static void main(String[] args) throws IOException {
        MaildirConfig config = MaildirConfig.of(args[1]).withMarkSeen(true);
        int pause = args[0].equals("commit") ? Integer.parseInt(args[4]) : -1;
        MaildirStore store = new MaildirStore(config, new PausingFileOps(pause));
        OpenResult result = store.open(Account.named(args[2]));
        if (!(result instanceof OpenResult.Opened opened)) {
            System.out.println("refused " + result);
            return;
        }
        try (Maildrop maildrop = opened.maildrop()) {
            if (args[0].equals("lock")) {
                System.out.println("locked");
                System.in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            BitSet deleted = new BitSet();
            if (!args[3].equals("-")) {
                for (String index : args[3].split(",")) {
                    deleted.set(Integer.parseInt(index));
                }
            }
            BitSet retrieved = new BitSet();
            retrieved.set(0, maildrop.messages().size());
            System.out.println("committing");
            System.out.println("committed " + maildrop.commit(deleted, retrieved));
        }
    }

    /** Real file operations that stop (block on stdin) before operation number {@code pause}. */
    private static final class PausingFileOps implements FileOps {
        private final SystemFileOps real = new SystemFileOps();
        private final int pause;
        private int done;

        PausingFileOps(int pause) {
            this.pause = pause;
        }

        private void step() throws IOException {
            if (done++ == pause) {
                System.out.println("paused");
                System.in.read(); // the parent kills us here
            }
        }

        @Override
        public ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
            return real.open(dir, name);
        }

        @Override
        public void move(SecureDirectoryStream<Path> from, Path name, SecureDirectoryStream<Path> to, Path target)
                throws IOException {
            step();
            real.move(from, name, to, target);
        }

        @Override
        public void delete(SecureDirectoryStream<Path> dir, Path name) throws IOException {
            step();
            real.delete(dir, name);
        }
    }
}
