package io.tanpopo.pop3;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.access.AccessRules;
import io.tanpopo.pop3.access.ClientChecks;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.protocol.CommandInterceptor;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.pop3.transport.SharedIo;
import io.tanpopo.resolver.HostResolver;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link Pop3Server}. Without an authenticator and a store it uses static users (added
 * with {@link #user}) and in-memory mailboxes, which is what tests want.
 */
public final class Pop3ServerBuilder {

    // Package-private: ServerParts.of reads them when the server is built.
    final Pop3Config.Builder settings = Pop3Config.builder();
    /** 0: the JVM's {@link SharedIo#common()}. */
    int ioThreads;

    Optional<SharedIo> sharedIo = Optional.empty();
    Authenticator authenticator;
    MailStore store;
    final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    final List<SessionListener> listeners = new ArrayList<>();
    LockMode maildropLock = LockMode.TAKEOVER;
    Optional<TlsConfig> tls = Optional.empty();
    boolean tlsOff;
    Optional<Integer> implicitTlsPort = Optional.empty();
    Cleartext cleartext = Cleartext.LOOPBACK;
    CommandInterceptor interceptor = CommandInterceptor.none();
    ClientChecks clientChecks = ClientChecks.none();
    Limits limits = Limits.none();
    ProxyPolicy proxy = ProxyPolicy.none();
    AuthThreads authThreads = AuthThreads.defaults();

    Pop3ServerBuilder() {}

    /**
     * Sets each of {@link Pop3Config}'s settings as its own setter ({@link #port}, ...) would: for
     * each, the last value given, by this or by its setter, wins.
     */
    public Pop3ServerBuilder config(Pop3Config config) {
        settings.from(config);
        return this;
    }

    public Pop3ServerBuilder bind(String address) {
        settings.bind(address);
        return this;
    }

    /** The port; 0 (the default) picks a free one, see {@link Pop3Server#port()}. */
    public Pop3ServerBuilder port(int number) {
        settings.port(number);
        return this;
    }

    /** The name in the greeting and APOP stamp; never looked up. */
    public Pop3ServerBuilder hostname(String name) {
        settings.hostname(name);
        return this;
    }

    public Pop3ServerBuilder idleTimeout(Duration timeout) {
        settings.idleTimeout(timeout);
        return this;
    }

    public Pop3ServerBuilder maxBadCommands(int count) {
        settings.maxBadCommands(count);
        return this;
    }

    public Pop3ServerBuilder maxLineLength(int octets) {
        settings.maxLineLength(octets);
        return this;
    }

    /** The first failed login's delay (doubling per failure from one address, up to {@code max}). */
    public Pop3ServerBuilder failedLoginDelay(Duration first, Duration max) {
        settings.failedLoginDelay(first, max);
        return this;
    }

    /** Advertise and enforce LOGIN-DELAY (RFC 2449 §6.5). */
    public Pop3ServerBuilder loginDelay(Duration delay) {
        settings.loginDelay(Optional.of(delay));
        return this;
    }

    /** Advertise EXPIRE (RFC 2449 §6.7): {@code NEVER} or a number of days. */
    public Pop3ServerBuilder expire(String policy) {
        settings.expire(Optional.of(policy));
        return this;
    }

    public Pop3ServerBuilder workerThreads(int count) {
        settings.workerThreads(count);
        return this;
    }

    /**
     * Gives this server its own threads that move bytes (and run TLS) for each listening port, as the
     * standalone service does; default {@link SharedIo#common()}, the I/O threads of the whole JVM.
     */
    public Pop3ServerBuilder ioThreads(int count) {
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("pop3.io-threads must be 1 to 256, not " + count);
        }
        this.ioThreads = count;
        return this;
    }

    /** Runs this server's sockets on {@code io}'s threads; the caller closes it after the last server. */
    public Pop3ServerBuilder sharedIo(SharedIo io) {
        this.sharedIo = Optional.of(io);
        return this;
    }

    /**
     * The certificate for STLS and implicit TLS; default one generated for localhost and the host
     * name, signed by a per-run CA that {@link Pop3Server#tlsTrust()} hands to clients.
     */
    public Pop3ServerBuilder tls(TlsConfig config) {
        this.tls = Optional.of(config);
        this.tlsOff = false;
        return this;
    }

    /** No TLS at all: STLS is neither offered nor accepted. */
    public Pop3ServerBuilder noTls() {
        this.tlsOff = true;
        return this;
    }

    /** Also listen for implicit TLS (RFC 8314, "POP3S") on {@code port}; 0 picks a free one. */
    public Pop3ServerBuilder implicitTlsPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("pop3s.port must be 0 to 65535, not " + port);
        }
        this.implicitTlsPort = Optional.of(port);
        return this;
    }

    /** When USER/PASS and other clear-text passwords are accepted; default {@link Cleartext#LOOPBACK}. */
    public Pop3ServerBuilder cleartext(Cleartext policy) {
        this.cleartext = policy;
        return this;
    }

    /**
     * Resolves client names with {@code chosen}: a login or host rule waits at most {@code deadline}
     * from accept (the resolver's own), the greeting never. Default: no resolution.
     */
    public Pop3ServerBuilder resolver(HostResolver chosen, Duration deadline) {
        this.clientChecks = new ClientChecks(chosen, deadline, clientChecks.rules());
        return this;
    }

    /** Applies access rules (tcprules-style) to every client; default none, everyone allowed. */
    public Pop3ServerBuilder accessRules(AccessRules rules) {
        this.clientChecks = new ClientChecks(clientChecks.resolver(), clientChecks.deadline(), rules);
        return this;
    }

    /** Adds a user of the built-in static authenticator. */
    public Pop3ServerBuilder user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** Uses another authenticator instead of the static users. */
    public Pop3ServerBuilder authenticator(Authenticator chosen) {
        this.authenticator = chosen;
        return this;
    }

    /** Uses another mail store instead of in-memory mailboxes. */
    public Pop3ServerBuilder store(MailStore chosen) {
        this.store = chosen;
        return this;
    }

    /**
     * How sessions of one user share an in-memory mailbox, as {@code store.maildir.lock} does for
     * maildirs; default {@link LockMode#TAKEOVER}. A store given with {@link #store} has its own.
     */
    public Pop3ServerBuilder maildropLock(LockMode mode) {
        this.maildropLock = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** The older switch: {@code true} is {@link LockMode#EXCLUSIVE}, {@code false} {@link LockMode#OFF}. */
    public Pop3ServerBuilder lockMaildrops(boolean lock) {
        return maildropLock(LockMode.of(lock));
    }

    public Pop3ServerBuilder listener(SessionListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Stands {@code chosen} around every command; default {@link CommandInterceptor#none()}. */
    public Pop3ServerBuilder interceptor(CommandInterceptor chosen) {
        this.interceptor = Objects.requireNonNull(chosen, "interceptor");
        return this;
    }

    /** Connection and session limits; default {@link Limits#none()}. */
    public Pop3ServerBuilder limits(Limits chosen) {
        this.limits = Objects.requireNonNull(chosen, "limits");
        return this;
    }

    /** Which peers are proxies that send a PROXY protocol header first; default none. */
    public Pop3ServerBuilder proxy(ProxyPolicy policy) {
        this.proxy = Objects.requireNonNull(policy, "proxy");
        return this;
    }

    /** The threads that run logins when the authenticator blocks; default {@link AuthThreads#defaults()}. */
    public Pop3ServerBuilder authThreads(AuthThreads chosen) {
        this.authThreads = Objects.requireNonNull(chosen, "authThreads");
        return this;
    }

    /** Starts the server; it accepts connections when this returns. */
    public Pop3Server start() {
        return new Pop3Server(ServerParts.of(this));
    }

    /**
     * The protocol and its threads without a listener and without TLS, for a transport the caller
     * brings (one session over standard input and output under tcpserver or inetd).
     */
    public ServerWithoutListener startWithoutListener() {
        tlsOff = true;
        return new ServerWithoutListener(ServerParts.of(this));
    }
}
