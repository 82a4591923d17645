package io.tanpopo.app;

import io.tanpopo.resolver.AddressText;
import io.tanpopo.resolver.DnsServerAddresses;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.resolver.diagnosis.DiagnosisReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xbill.DNS.Address;

/**
 * {@code resolve ADDRESS [--config FILE]}: runs every configured strategy for one client address,
 * each under the deadline, and prints its answer, source and time, flagging a private reverse zone
 * that leaks to AS112 (RFC 7534) — the cause of the two-minute logins that tanpopo exists to prevent (docs/resolution.md).
 */
final class ResolveCommand {

    static final String HELP = """
            Usage: java -jar tanpopo.jar resolve ADDRESS [--config FILE]

            Shows how tanpopo would find the name of a client at ADDRESS (an IPv4 or IPv6
            literal): every strategy of resolver.strategies in order, even after the one that
            decides (marked =>), with its answer, its source (hosts line, zone, DNS server, rcode,
            SOA) and the milliseconds it took. A negative answer from the AS112 servers
            (SOA prisoner.iana.org or blackhole.as112.arpa) means a private reverse zone leaks out
            of your site. With resolver.pass-through=auto it first asks the DNS servers whether
            they serve the address's private zone, and says so; when DNS has a name that local-ptr
            answered over, it says what to set. Exit status 0, or 1 when the lookup would fail or
            leak or a name is hidden.""";

    private final PrintStream out;

    ResolveCommand(PrintStream out) {
        this.out = out;
    }

    int run(Main.Arguments arguments) throws IOException {
        if (arguments.help()) {
            out.println(HELP);
            return 0;
        }
        if (arguments.operands().size() != 1) {
            throw new ConfigException("resolve needs exactly one ADDRESS (see resolve --help)");
        }
        InetAddress address = literal(arguments.operands().get(0));
        try (ResolverWiring wiring = new ResolverWiring(new Settings(Main.load(arguments)))) {
            ResolverConfig config = wiring.resolverConfig();
            out.print(describe(config));
            if (config.disabled()) {
                out.println("resolution is off (resolver.strategies=none): clients have no names");
                return 0;
            }
            PassThroughReport passThrough = PassThroughReport.of(wiring.resolvers(), config);
            passThrough.learn(List.of(address));
            DiagnosisReport report =
                    wiring.resolvers().diagnosis(config, passThrough.learned()).diagnose(address);
            out.print(report.render());
            out.print(passThrough.render());
            Optional<String> hidden = passThrough.hiddenName(report);
            hidden.ifPresent(advice -> out.println("note: " + advice));
            boolean decided = report.steps().stream().anyMatch(s -> s.decisive());
            return decided && !report.as112Leak() && hidden.isEmpty() ? 0 : 1;
        }
    }

    /** The settings that shape a lookup, one line each. */
    static String describe(ResolverConfig config) {
        StringBuilder text = new StringBuilder();
        text.append("strategies:  ")
                .append(String.join(", ", config.strategies()))
                .append('\n');
        text.append("deadline:    ").append(config.deadline().toMillis()).append(" ms\n");
        if (config.strategies().contains("hosts")) {
            text.append("hosts file:  ").append(config.hostsFile()).append('\n');
        }
        if (config.strategies().contains("dns")) {
            text.append("DNS servers: ")
                    .append(DnsServerAddresses.of(config).stream()
                            .map(ResolveCommand::server)
                            .collect(Collectors.joining(", ")))
                    .append(config.dnsServers().isEmpty() ? " (from " + config.resolvConf() + ")" : "")
                    .append('\n');
        }
        return text.toString();
    }

    static String server(InetSocketAddress server) {
        return AddressText.of(server);
    }

    private static InetAddress literal(String text) {
        try {
            return Address.getByAddress(text);
        } catch (UnknownHostException e) {
            throw new ConfigException("'" + text + "' is not an IPv4 or IPv6 address (names are not looked up)");
        }
    }
}
