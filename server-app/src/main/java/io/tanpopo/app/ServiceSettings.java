package io.tanpopo.app;

import io.tanpopo.app.log.SessionSummaryLog;
import io.tanpopo.app.relay.PopBeforeSmtpConfig;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The service keys ({@code limits.*}, {@code shutdown.grace}, {@code proxy.*},
 * {@code pop-before-smtp.*}, {@code log.format}, {@code metrics.*}) read once into values; every
 * bad value is a {@link ConfigException} naming its key.
 *
 * @param limits connection and session limits
 * @param shutdownGrace how long sessions may finish on stop
 * @param proxy trusted PROXY protocol peers
 * @param popBeforeSmtp where logins are recorded for SMTP relaying
 * @param logFormat the session summary's format
 * @param metrics JMX on or off, and the HTTP endpoint's address if on
 */
public record ServiceSettings(
        Limits limits,
        Duration shutdownGrace,
        ProxyPolicy proxy,
        PopBeforeSmtpConfig popBeforeSmtp,
        SessionSummaryLog.Format logFormat,
        Metrics metrics) {

    /**
     * Where the server's metrics are published.
     *
     * @param jmx register the MBean
     * @param http the Prometheus endpoint, if on
     */
    public record Metrics(boolean jmx, Optional<InetSocketAddress> http) {}

    /** Reads and validates the service keys of {@code settings}. */
    public static ServiceSettings read(Settings settings) {
        Limits limits = settings.validated(() -> new Limits(
                settings.integer("limits.connections", 0, 1_000_000),
                settings.integer("limits.connections-per-ip", 0, 1_000_000),
                settings.integer("limits.sessions-per-user", 0, 1_000_000),
                settings.integer("limits.ipv6-prefix", 1, 128)));
        Duration grace = settings.duration("shutdown.grace");
        if (grace.compareTo(Duration.ofHours(1)) > 0) {
            throw settings.error("shutdown.grace", "must be at most 1h, not " + settings.string("shutdown.grace"));
        }
        SessionSummaryLog.Format format = SessionSummaryLog.Format.valueOf(
                settings.choice("log.format", "text", "json").toUpperCase(Locale.ROOT));
        return new ServiceSettings(limits, grace, proxy(settings), popBeforeSmtp(settings), format, metrics(settings));
    }

    private static ProxyPolicy proxy(Settings settings) {
        List<Cidr> trusted = new ArrayList<>();
        for (String entry : settings.list("proxy.trusted")) {
            try {
                trusted.add(Cidr.parseAddressOrBlock(entry));
            } catch (IllegalArgumentException e) {
                throw settings.error(
                        "proxy.trusted", "entries must be IP addresses or address/prefix: " + e.getMessage());
            }
        }
        return settings.validated(() -> new ProxyPolicy(trusted, settings.duration("proxy.header-timeout")));
    }

    private static PopBeforeSmtpConfig popBeforeSmtp(Settings settings) {
        Optional<Path> directory = settings.text("pop-before-smtp.dir").map(Path::of);
        if (directory.isPresent() && !(Files.isDirectory(directory.get()) && Files.isWritable(directory.get()))) {
            throw settings.error("pop-before-smtp.dir", "must be a writable directory, not '" + directory.get() + "'");
        }
        List<String> command = settings.text("pop-before-smtp.command")
                .map(c ->
                        Arrays.stream(c.split("\\s+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        return settings.validated(() -> new PopBeforeSmtpConfig(
                directory,
                command,
                settings.duration("pop-before-smtp.command-timeout"),
                settings.duration("pop-before-smtp.expiry")));
    }

    private static Metrics metrics(Settings settings) {
        boolean jmx = settings.bool("metrics.jmx");
        if (settings.text("metrics.http.port").isEmpty()) {
            return new Metrics(jmx, Optional.empty());
        }
        int port = settings.integer("metrics.http.port", 0, 65535);
        String bind = settings.string("metrics.http.bind");
        if (io.tanpopo.pop3.proxy.AddressLiterals.any(bind).isEmpty()) {
            throw settings.error("metrics.http.bind", "must be an IP address, not '" + bind + "'");
        }
        return new Metrics(jmx, Optional.of(new InetSocketAddress(bind, port)));
    }
}
