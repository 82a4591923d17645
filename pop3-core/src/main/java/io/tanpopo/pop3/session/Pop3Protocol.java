package io.tanpopo.pop3.session;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.access.ClientChecks;
import io.tanpopo.pop3.login.SessionLimits;
import io.tanpopo.pop3.protocol.CommandTable;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.ProcessId;
import io.tanpopo.pop3.protocol.ProtocolContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The protocol side of a server, independent of any transport: creates a session with its id and
 * APOP stamp for each new connection and drives it. One per server.
 */
public final class Pop3Protocol {

    private final ProtocolContext context;
    private final Dispatcher dispatcher;
    private final SessionRuntime runtime;
    private final ClientLookup lookup;
    private final AtomicLong sessions = new AtomicLong();
    /** The parts of every APOP stamp that are the same for all sessions: {@code <pid.} and {@code @host>}. */
    private final String stampHead;

    private final String stampTail;

    public Pop3Protocol(ProtocolContext context, CommandTable table, SessionRuntime runtime) {
        this(context, table, runtime, ClientChecks.none());
    }

    /** A protocol that resolves client names and applies access rules as {@code checks} say. */
    public Pop3Protocol(ProtocolContext context, CommandTable table, SessionRuntime runtime, ClientChecks checks) {
        this.context = context;
        this.dispatcher = new Dispatcher(context, table);
        this.runtime = runtime;
        this.lookup = new ClientLookup(checks, runtime);
        this.stampHead = "<" + ProcessId.current() + ".";
        this.stampTail = "@" + context.config().hostname() + ">";
    }

    public ProtocolContext context() {
        return context;
    }

    /** A new session for a connection just accepted; the caller then {@link #start starts} it. */
    public SessionDriver open(
            Connection connection, InetSocketAddress local, InetSocketAddress remote, boolean secure) {
        long n = sessions.incrementAndGet();
        String id = Long.toString(n, 36);
        String stamp = stampHead + System.currentTimeMillis() + "." + n + stampTail;
        ConnectionInfo info =
                new ConnectionInfo(local, remote, context.config().hostname(), Optional.empty(), secure, Map.of());
        Pop3Session session = new Pop3Session(id, stamp, info);
        SessionDriver driver = new SessionDriver(dispatcher, session, connection, runtime);
        session.onTakeover(driver::takeOver);
        return driver;
    }

    /**
     * Refuses the client when {@code limits.connections} or {@code limits.connections-per-ip} is
     * reached ({@code [SYS/TEMP]}, RFC 3206 §5: try later); otherwise greets it at once (or refuses it
     * by address) and starts its name lookup beside the dialogue.
     */
    public void start(SessionDriver driver) {
        InetAddress client = driver.session().connection().remote().getAddress();
        SessionLimits limits = context.limits();
        if (!limits.tryConnect(client)) {
            driver.refuse("-ERR [SYS/TEMP] Too many connections", "refused: too many connections");
            return;
        }
        driver.onRelease(() -> release(limits, client, driver.session()));
        String greeting = context.interceptor()
                .greeting(context.config().hostname(), driver.session().apopStamp());
        lookup.start(driver, "+OK " + greeting);
    }

    /** Gives back what a session from {@code client} counted against the limits. */
    private static void release(SessionLimits limits, InetAddress client, Pop3Session session) {
        limits.disconnected(client);
        session.account().ifPresent(account -> limits.loggedOut(account.name()));
        session.released();
    }
}
