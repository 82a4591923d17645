package io.tanpopo.pop3.protocol;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.Pop3Config;
import io.tanpopo.store.MailStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every session of one server shares: settings, backends, and the per-server counters
 * (failed-login throttle, LOGIN-DELAY, connection and session limits). One per server, never static.
 * The version (CAPA's IMPLEMENTATION) is asked for when a client first asks for CAPA: reading it
 * from the jar costs a first server's start more than a millisecond.
 */
public record ProtocolContext(
        Pop3Config config,
        Authenticator authenticator,
        MailStore store,
        LoginThrottle throttle,
        Optional<LoginDelays> loginDelays,
        Clock clock,
        Supplier<String> version,
        SessionListener listener,
        boolean tlsAvailable,
        Cleartext cleartext,
        CommandInterceptor interceptor,
        SessionLimits limits) {

    public ProtocolContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(loginDelays, "loginDelays");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cleartext, "cleartext");
        Objects.requireNonNull(interceptor, "interceptor");
        Objects.requireNonNull(limits, "limits");
    }

    /** A context without TLS, with the throttle and login delays that {@code config} asks for. */
    public static ProtocolContext of(
            Pop3Config config, Authenticator authenticator, MailStore store, String version, SessionListener listener) {
        return of(config, authenticator, store, version, listener, false, Cleartext.ALWAYS);
    }

    /** A context with the throttle and login delays that {@code config} asks for. */
    public static ProtocolContext of(
            Pop3Config config,
            Authenticator authenticator,
            MailStore store,
            String version,
            SessionListener listener,
            boolean tlsAvailable,
            Cleartext cleartext) {
        return of(config, authenticator, store, () -> version, listener, tlsAvailable, cleartext);
    }

    /** A context with the throttle and login delays that {@code config} asks for, its version read when needed. */
    public static ProtocolContext of(
            Pop3Config config,
            Authenticator authenticator,
            MailStore store,
            Supplier<String> version,
            SessionListener listener,
            boolean tlsAvailable,
            Cleartext cleartext) {
        Clock clock = Clock.systemUTC();
        Optional<LoginDelays> loginDelays = config.loginDelay().isPresent()
                ? Optional.of(new LoginDelays(config.loginDelay().get(), clock))
                : Optional.empty();
        return new ProtocolContext(
                config,
                authenticator,
                store,
                new LoginThrottle(config.failedLoginDelay(), config.maxFailedLoginDelay()),
                loginDelays,
                clock,
                version,
                listener,
                tlsAvailable,
                cleartext,
                CommandInterceptor.none(),
                new SessionLimits(io.tanpopo.pop3.Limits.none()));
    }

    /** Whether passwords may be sent in clear in {@code session}. */
    public boolean allowsCleartext(Pop3Session session) {
        return cleartext.allows(session.connection());
    }

    /** The same context with {@code chosen} standing around every command. */
    public ProtocolContext withInterceptor(CommandInterceptor chosen) {
        return new ProtocolContext(
                config,
                authenticator,
                store,
                throttle,
                loginDelays,
                clock,
                version,
                listener,
                tlsAvailable,
                cleartext,
                chosen,
                limits);
    }

    /**
     * The same context with {@code chosen} connection and session limits, and a new failed-login
     * throttle that counts clients as those limits do ({@code limits.ipv6-prefix}).
     */
    public ProtocolContext withLimits(SessionLimits chosen) {
        LoginThrottle counted =
                new LoginThrottle(config.failedLoginDelay(), config.maxFailedLoginDelay(), chosen.buckets());
        return new ProtocolContext(
                config,
                authenticator,
                store,
                counted,
                loginDelays,
                clock,
                version,
                listener,
                tlsAvailable,
                cleartext,
                interceptor,
                chosen);
    }
}
