package io.tanpopo.resolver;

import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.resolver.strategy.HostNames;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of client name resolution. Errors name the properties key.
 *
 * @param strategies     {@code resolver.strategies}: order of {@code hosts}, {@code local-ptr},
 *                       {@code dns}, or just {@code none}; default {@code hosts,local-ptr,dns}
 * @param hostsFile      {@code resolver.hosts-file}: required when {@code hosts} is used
 * @param localNames     {@code resolver.local-names}: names of this machine (first wins), default
 *                       none; the app adds {@code pop3.hostname}
 * @param passThrough    {@code resolver.pass-through}: {@code auto} (the default: learn which private
 *                       zones the DNS serves), {@code none} or empty (answer every private zone
 *                       locally), or CIDR zones your own DNS serves, which {@code local-ptr} leaves
 *                       to {@code dns}
 * @param dnsServers     {@code resolver.dns-servers}: {@code host[:port]} literals; default empty
 *                       meaning the {@code nameserver} lines of {@code resolvConf}
 * @param resolvConf     {@code resolver.resolv-conf}: read when {@code dnsServers} is empty
 * @param deadline       {@code resolver.deadline}: the longest a lookup may take, default 1 s
 * @param forwardConfirm {@code resolver.forward-confirm}: PTR name must resolve back, default false
 * @param hostsRecheck   {@code resolver.hosts-recheck}: how often the hosts file is checked for
 *                       changes, default 5 s
 * @param cache          cache and in-flight bounds
 * @param passThroughRecheck {@code resolver.pass-through-recheck}: how often {@code auto} asks the
 *                       DNS again about the zones it learned, default 10 min
 */
public record ResolverConfig(
        List<String> strategies,
        Path hostsFile,
        List<String> localNames,
        List<String> passThrough,
        List<InetSocketAddress> dnsServers,
        Path resolvConf,
        Duration deadline,
        boolean forwardConfirm,
        Duration hostsRecheck,
        CacheLimits cache,
        Duration passThroughRecheck) {

    /** The {@code resolver.pass-through} value that learns the zones the DNS serves. */
    public static final String AUTO = "auto";

    /** The {@code resolver.pass-through} value that answers every private zone locally. */
    public static final String NONE = "none";

    private static final Duration DEFAULT_RECHECK = Duration.ofMinutes(10);

    /** Names accepted in {@code resolver.strategies}. */
    public static final List<String> KNOWN = List.of("hosts", "local-ptr", "dns", "none");

    /** Validates every field; messages start with the properties key. */
    public ResolverConfig {
        strategies =
                strategies.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        localNames = List.copyOf(localNames);
        passThrough = passThrough.stream()
                .map(z -> z.strip().toLowerCase(Locale.ROOT))
                .toList();
        dnsServers = List.copyOf(dnsServers);
        Objects.requireNonNull(cache, "cache");
        checkStrategies(strategies);
        if (strategies.contains("hosts") && hostsFile == null) {
            throw new IllegalArgumentException("resolver.hosts-file: required when strategy 'hosts' is used");
        }
        if (strategies.contains("dns") && dnsServers.isEmpty() && resolvConf == null) {
            throw new IllegalArgumentException(
                    "resolver.dns-servers: give servers or resolver.resolv-conf when strategy 'dns' is used");
        }
        localNames.stream().filter(n -> !HostNames.isValid(n)).findFirst().ifPresent(n -> {
            throw new IllegalArgumentException("resolver.local-names: '" + n + "' is not a valid host name");
        });
        checkPassThrough(passThrough);
        checkDuration("resolver.deadline", deadline, Duration.ofMinutes(1));
        checkDuration("resolver.hosts-recheck", hostsRecheck, Duration.ofHours(1));
        checkDuration("resolver.pass-through-recheck", passThroughRecheck, Duration.ofDays(1));
    }

    /** As the canonical constructor, with {@code resolver.pass-through-recheck} at its default. */
    public ResolverConfig(
            List<String> strategies,
            Path hostsFile,
            List<String> localNames,
            List<String> passThrough,
            List<InetSocketAddress> dnsServers,
            Path resolvConf,
            Duration deadline,
            boolean forwardConfirm,
            Duration hostsRecheck,
            CacheLimits cache) {
        this(
                strategies,
                hostsFile,
                localNames,
                passThrough,
                dnsServers,
                resolvConf,
                deadline,
                forwardConfirm,
                hostsRecheck,
                cache,
                DEFAULT_RECHECK);
    }

    /** Defaults with the paths the application chose (e.g. /etc/hosts, /etc/resolv.conf). */
    public static ResolverConfig defaults(Path hostsFile, Path resolvConf) {
        return new ResolverConfig(
                List.of("hosts", "local-ptr", "dns"),
                hostsFile,
                List.of(),
                List.of(AUTO),
                List.of(),
                resolvConf,
                Duration.ofSeconds(1),
                false,
                Duration.ofSeconds(5),
                CacheLimits.defaults());
    }

    /** Parses a comma-separated {@code resolver.strategies} value, e.g. {@code hosts, dns}. */
    public static List<String> parseStrategies(String value) {
        List<String> names =
                splitList(value).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        checkStrategies(names);
        return names;
    }

    /** Splits a comma- or space-separated list value, dropping empty items. */
    public static List<String> splitList(String value) {
        return value == null
                ? List.of()
                : List.of(value.strip().split("\\s*[,\\s]\\s*")).stream()
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /**
     * Parses one {@code resolver.dns-servers} item: an IP literal with optional port, e.g.
     * {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code [2001:db8::53]:53}, {@code 2001:db8::53}.
     * Names are refused: the DNS server's own name cannot be looked up through DNS.
     */
    public static InetSocketAddress parseServer(String item) {
        return DnsServerAddresses.parse("resolver.dns-servers", item);
    }

    /** The listed pass-through zones as parsed blocks; empty for {@code auto} and {@code none}. */
    public List<Cidr> passThroughZones() {
        return passThroughListed()
                ? passThrough.stream().map(ResolverConfig::parseZone).toList()
                : List.of();
    }

    /** Whether {@code local-ptr} learns the zones the DNS serves: {@code auto}, with both strategies in use. */
    public boolean learnsPassThrough() {
        return passThrough.equals(List.of(AUTO)) && strategies.contains("local-ptr") && strategies.contains("dns");
    }

    /** Whether the pass-through zones are a list of blocks. */
    public boolean passThroughListed() {
        return !passThrough.isEmpty() && !passThrough.equals(List.of(AUTO)) && !passThrough.equals(List.of(NONE));
    }

    /** Whether resolution is switched off ({@code none}). */
    public boolean disabled() {
        return strategies.equals(List.of("none"));
    }

    private static Cidr parseZone(String zone) {
        try {
            return Cidr.parse(zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resolver.pass-through: " + e.getMessage(), e);
        }
    }

    private static void checkPassThrough(List<String> values) {
        boolean keyword = values.contains(AUTO) || values.contains(NONE);
        if (keyword && values.size() > 1) {
            throw new IllegalArgumentException(
                    "resolver.pass-through: auto or none, or a list of CIDR zones, not both: " + values);
        }
        if (!keyword) {
            values.forEach(ResolverConfig::parseZone);
        }
    }

    private static void checkStrategies(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("resolver.strategies: empty (known: " + String.join(", ", KNOWN) + ")");
        }
        for (String name : names) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("resolver.strategies: unknown strategy '" + name + "' (known: "
                        + String.join(", ", KNOWN) + ")");
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("resolver.strategies: a strategy is listed twice: " + names);
        }
        if (names.contains("none") && names.size() > 1) {
            throw new IllegalArgumentException("resolver.strategies: 'none' cannot be combined with others");
        }
    }

    private static void checkDuration(String key, Duration value, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + ": must be more than 0 and at most " + max + ", was " + value);
        }
    }
}
