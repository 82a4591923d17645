package io.tanpopo.pop3.protocol;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.login.LoginThrottle;
import io.tanpopo.pop3.login.SessionLimits;
import java.util.Objects;

/**
 * What the dispatcher and the sessions of one server share: the settings they apply (host name,
 * line length, bad commands), the authenticator (whether logins block), who hears of sessions, the
 * command interceptor, and the per-server counters (failed-login throttle, connection and session
 * limits). One per server, never static. Commands get what they use when the table is made.
 */
public record ProtocolContext(
        Pop3Config config,
        Authenticator authenticator,
        SessionListener listener,
        CommandInterceptor interceptor,
        LoginThrottle throttle,
        SessionLimits limits) {

    public ProtocolContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(interceptor, "interceptor");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(limits, "limits");
    }

    /** A context without interceptor and without limits, with the throttle {@code config} asks for. */
    public static ProtocolContext of(Pop3Config config, Authenticator authenticator, SessionListener listener) {
        return of(config, authenticator, listener, CommandInterceptor.none(), Limits.none());
    }

    /**
     * A context with the throttle {@code config} asks for, counting clients as {@code limits} do
     * ({@code limits.ipv6-prefix}).
     */
    public static ProtocolContext of(
            Pop3Config config,
            Authenticator authenticator,
            SessionListener listener,
            CommandInterceptor interceptor,
            Limits limits) {
        SessionLimits counters = new SessionLimits(limits);
        LoginThrottle throttle =
                new LoginThrottle(config.failedLoginDelay(), config.maxFailedLoginDelay(), counters.buckets());
        return new ProtocolContext(config, authenticator, listener, interceptor, throttle, counters);
    }
}
