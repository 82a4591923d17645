package io.tanpopo.testkit;

import io.tanpopo.pop3.protocol.ProcessId;
import java.util.function.Supplier;

/**
 * Unique maildir base names as Dovecot and Courier make them, {@code <time>.M<usec>P<pid>Q<n>.<host>}
 * (cr.yp.to/proto/maildir.html, Dovecot's maildir_filename_generate). The time strictly increases
 * from one name to the next, so the maildir store's order (by time, then microseconds) is the
 * delivery order even within one microsecond.
 */
final class MaildirNames {

    private final Supplier<String> host;
    private final long pid = ProcessId.current();
    private long lastMicros;
    private long count;

    MaildirNames(Supplier<String> host) {
        this.host = host;
    }

    synchronized String next() {
        long now = System.currentTimeMillis() * 1000;
        lastMicros = Math.max(now, lastMicros + 1);
        count++;
        return (lastMicros / 1_000_000) + ".M" + (lastMicros % 1_000_000) + "P" + pid + "Q" + count + "." + host.get();
    }
}
