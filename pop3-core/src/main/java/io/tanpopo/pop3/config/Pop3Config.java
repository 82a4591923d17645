package io.tanpopo.pop3.config;

import io.tanpopo.resolver.strategy.HostNames;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The protocol and listener settings of a {@code Pop3Server}. Each field's property key is named in
 * its validation message; docs/configuration.md's table documents them.
 *
 * @param bind address to listen on ({@code pop3.bind})
 * @param port TCP port, 0 for a free one ({@code pop3.port})
 * @param hostname the name in the greeting and APOP stamp; never looked up ({@code pop3.hostname})
 * @param idleTimeout autologout (RFC 1939 §3 asks for at least 10 minutes) ({@code pop3.idle-timeout})
 * @param maxBadCommands bad commands after which the connection closes ({@code pop3.max-bad-commands})
 * @param maxLineLength longest command line in octets, CRLF included (RFC 2449 §4: 255)
 *     ({@code pop3.max-line-length})
 * @param failedLoginDelay delay before answering a failed login; doubles per failure from the same
 *     address ({@code auth.failure-delay})
 * @param maxFailedLoginDelay the cap of that doubling ({@code auth.failure-delay-max})
 * @param loginDelay minimum time between two logins of one user, advertised and enforced
 *     (RFC 2449 §6.5) ({@code pop3.login-delay})
 * @param expire the EXPIRE capability's argument, {@code NEVER} or days (RFC 2449 §6.7); advertised
 *     only ({@code pop3.expire})
 * @param workerThreads threads that run commands and backends ({@code pop3.worker-threads})
 */
public record Pop3Config(
        String bind,
        int port,
        String hostname,
        Duration idleTimeout,
        int maxBadCommands,
        int maxLineLength,
        Duration failedLoginDelay,
        Duration maxFailedLoginDelay,
        Optional<Duration> loginDelay,
        Optional<String> expire,
        int workerThreads) {

    public Pop3Config {
        Objects.requireNonNull(bind, "pop3.bind");
        Objects.requireNonNull(hostname, "pop3.hostname");
        require(!bind.isBlank(), "pop3.bind must not be empty");
        require(port >= 0 && port <= 65535, "pop3.port must be 0 to 65535, not " + port);
        if (!HostNames.isLetterDigitHyphen(hostname)) {
            throw new IllegalArgumentException(
                    "pop3.hostname must be a host name (letters, digits, '.', '-'), not '" + hostname + "'");
        }
        require(
                idleTimeout != null && idleTimeout.toSeconds() >= 1 && idleTimeout.toSeconds() <= Integer.MAX_VALUE,
                "pop3.idle-timeout must be at least 1s");
        require(maxBadCommands >= 1, "pop3.max-bad-commands must be at least 1, not " + maxBadCommands);
        require(
                maxLineLength >= 64 && maxLineLength <= 65536,
                "pop3.max-line-length must be 64 to 65536 octets, not " + maxLineLength);
        require(failedLoginDelay != null && !failedLoginDelay.isNegative(), "auth.failure-delay must not be negative");
        require(
                maxFailedLoginDelay != null && maxFailedLoginDelay.compareTo(failedLoginDelay) >= 0,
                "auth.failure-delay-max must not be below auth.failure-delay");
        Objects.requireNonNull(loginDelay, "pop3.login-delay");
        require(loginDelay.isEmpty() || positive(loginDelay.get()), "pop3.login-delay must be positive");
        Objects.requireNonNull(expire, "pop3.expire");
        if (expire.isPresent() && !expire.get().equals("NEVER") && !expire.get().matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException(
                    "pop3.expire must be NEVER or a number of days, not '" + expire.get() + "'");
        }
        require(
                workerThreads >= 1 && workerThreads <= 1024,
                "pop3.worker-threads must be 1 to 1024, not " + workerThreads);
    }

    /** Settings with the embedded defaults, to change one at a time; {@link Builder#build} checks them. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings one at a time, from the embedded defaults: 127.0.0.1, a free port, host name
     * {@code localhost}, 10 minutes idle, 20 bad commands, 255-octet lines, failed logins delayed
     * 1 s doubling up to 15 s, no LOGIN-DELAY or EXPIRE, 16 worker threads.
     */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port;
        private String hostname = "localhost";
        private Duration idleTimeout = Duration.ofMinutes(10);
        private int maxBadCommands = 20;
        private int maxLineLength = 255;
        private Duration failedLoginDelay = Duration.ofSeconds(1);
        private Duration maxFailedLoginDelay = Duration.ofSeconds(15);
        private Optional<Duration> loginDelay = Optional.empty();
        private Optional<String> expire = Optional.empty();
        private int workerThreads = 16;

        private Builder() {}

        /** Every setting as {@code settings} has it. */
        public Builder from(Pop3Config settings) {
            bind = settings.bind();
            port = settings.port();
            hostname = settings.hostname();
            idleTimeout = settings.idleTimeout();
            maxBadCommands = settings.maxBadCommands();
            maxLineLength = settings.maxLineLength();
            failedLoginDelay = settings.failedLoginDelay();
            maxFailedLoginDelay = settings.maxFailedLoginDelay();
            loginDelay = settings.loginDelay();
            expire = settings.expire();
            workerThreads = settings.workerThreads();
            return this;
        }

        public Builder bind(String address) {
            bind = address;
            return this;
        }

        public Builder port(int number) {
            port = number;
            return this;
        }

        public Builder hostname(String name) {
            hostname = name;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            idleTimeout = timeout;
            return this;
        }

        public Builder maxBadCommands(int count) {
            maxBadCommands = count;
            return this;
        }

        public Builder maxLineLength(int octets) {
            maxLineLength = octets;
            return this;
        }

        public Builder failedLoginDelay(Duration first, Duration max) {
            failedLoginDelay = first;
            maxFailedLoginDelay = max;
            return this;
        }

        public Builder loginDelay(Optional<Duration> delay) {
            loginDelay = delay;
            return this;
        }

        public Builder expire(Optional<String> policy) {
            expire = policy;
            return this;
        }

        public Builder workerThreads(int count) {
            workerThreads = count;
            return this;
        }

        /** The settings, checked: an invalid one throws, naming its property key. */
        public Pop3Config build() {
            return new Pop3Config(
                    bind,
                    port,
                    hostname,
                    idleTimeout,
                    maxBadCommands,
                    maxLineLength,
                    failedLoginDelay,
                    maxFailedLoginDelay,
                    loginDelay,
                    expire,
                    workerThreads);
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
