package io.tanpopo.app;

import io.tanpopo.resolver.AddressText;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.resolver.Resolvers;
import io.tanpopo.resolver.diagnosis.DiagnosisReport;
import io.tanpopo.resolver.diagnosis.DiagnosisStep;
import io.tanpopo.resolver.diagnosis.DnsServerCheck;
import io.tanpopo.resolver.diagnosis.ServerCheckResult;
import io.tanpopo.resolver.strategy.InterfaceAddresses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code doctor [--config FILE]}: checks the DNS servers, this machine's own addresses and the
 * hosts file, measures a greeting and a login over loopback with the configured resolver, then says
 * in plain words what would slow logins down and how to fix it (docs/resolution.md).
 */
final class DoctorCommand {

    static final String HELP = """
            Usage: java -jar tanpopo.jar doctor [--config FILE]

            Finds what would slow POP3 logins down on this machine:
              - asks each DNS server of the dns strategy for 1.0.0.127.in-addr.arpa (answer, time)
              - lists the private reverse zones of this machine's networks that go to dns
                (served by your DNS) and those local-ptr answers itself, and why
              - resolves each of this machine's addresses through the configured strategies and
                flags private reverse zones that leak to the public AS112 servers
              - checks the hosts file
              - starts a server on 127.0.0.1 with the same resolver settings and a throwaway user,
                and times the greeting and a USER/PASS login, twice
            Then lists each problem with its fix. Exit status 0 when nothing was found, else 1.""";

    private final PrintStream out;
    private final List<String> findings = new ArrayList<>();

    DoctorCommand(PrintStream out) {
        this.out = out;
    }

    int run(Main.Arguments arguments) throws IOException {
        if (arguments.help()) {
            out.println(HELP);
            return 0;
        }
        Settings settings = new Settings(Main.load(arguments));
        try (ResolverWiring wiring = new ResolverWiring(settings)) {
            ResolverConfig config = wiring.resolverConfig();
            out.println("== resolver settings");
            out.print(ResolveCommand.describe(config));
            if (!config.disabled()) {
                dnsServers(wiring.resolvers(), config);
                hostsFile(config);
                PassThroughReport passThrough = privateZones(wiring.resolvers(), config);
                ownAddresses(wiring.resolvers(), config, passThrough);
            }
            login(wiring.resolvers(), config);
        }
        plaintextLogins(settings);
        return verdict();
    }

    private void dnsServers(Resolvers resolvers, ResolverConfig config) {
        if (!config.strategies().contains("dns")) {
            return;
        }
        out.println("\n== DNS servers (PTR 1.0.0.127.in-addr.arpa)");
        DnsServerCheck check = resolvers.serverCheck(config);
        List<ServerCheckResult> results = check.check();
        out.print(DnsServerCheck.render(results));
        for (ServerCheckResult r : results) {
            String server = ResolveCommand.server(r.server());
            if (!r.answered()) {
                findings.add("DNS server " + server + " did not answer within "
                        + config.deadline().toMillis()
                        + " ms. Every client not in the hosts file or a locally served zone then waits up to"
                        + " resolver.deadline (" + config.deadline().toMillis() + " ms) at its first login, and"
                        + " again each time the failure leaves the cache (resolver.cache-failure-ttl). Fix the"
                        + " server or point resolver.dns-servers at one that answers; or list your clients in"
                        + " the hosts file; or drop dns from resolver.strategies.");
            } else if (!r.rcode().equals("NOERROR") && !r.rcode().equals("NXDOMAIN")) {
                findings.add("DNS server " + server + " answered " + r.rcode() + ": names of clients will be"
                        + " unknown. Check that server's configuration or use another one.");
            } else if (r.latency().compareTo(config.deadline().dividedBy(2)) > 0) {
                findings.add("DNS server " + server + " took " + r.latency().toMillis() + " ms, more than half"
                        + " of resolver.deadline: use a closer or faster server, or raise resolver.deadline.");
            }
        }
    }

    private void hostsFile(ResolverConfig config) {
        if (!config.strategies().contains("hosts")) {
            return;
        }
        Path file = config.hostsFile();
        out.println("\n== hosts file " + file);
        if (!Files.isReadable(file)) {
            out.println("not readable");
            findings.add("The hosts file " + file + " cannot be read, so strategy hosts never answers:"
                    + " fix resolver.hosts-file or the file's permissions.");
            return;
        }
        try {
            long entries = Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .count();
            out.println(entries + " entries, " + Files.size(file) + " bytes");
        } catch (IOException e) {
            out.println("cannot read: " + e.getMessage());
        }
    }

    /** Which private zones go to dns and which local-ptr answers, learned for this machine's networks. */
    private PassThroughReport privateZones(Resolvers resolvers, ResolverConfig config) {
        out.println("\n== private reverse zones (resolver.pass-through)");
        PassThroughReport passThrough = PassThroughReport.of(resolvers, config);
        passThrough.learn(resolvers.interfaceAddresses());
        out.print(passThrough.render());
        return passThrough;
    }

    private void ownAddresses(Resolvers resolvers, ResolverConfig config, PassThroughReport passThrough) {
        out.println("\n== this machine's addresses");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<DiagnosisReport>> reports = new InterfaceAddresses()
                    .get().stream()
                            .map(a -> CompletableFuture.supplyAsync(
                                    () -> resolvers
                                            .diagnosis(config, passThrough.learned())
                                            .diagnose(a),
                                    pool))
                            .toList();
            reports.stream().map(CompletableFuture::join).forEach(report -> {
                judge(report, config.deadline());
                passThrough.hiddenName(report).ifPresent(findings::add);
            });
        } finally {
            pool.shutdownNow();
        }
    }

    private void judge(DiagnosisReport report, Duration deadline) {
        out.print(report.render());
        String ip = AddressText.of(report.address());
        if (report.as112Leak()) {
            findings.add("Reverse lookups for " + ip + " leave your site and are answered by the public AS112"
                    + " servers. tanpopo's local-ptr answers them without DNS, but other software here"
                    + " (tcpserver, sshd with UseDNS) waits on them: serve the reverse zone on your own DNS"
                    + " server (a local zone in BIND or unbound, local=/…in-addr.arpa/ in dnsmasq).");
        }
        Duration total = report.steps().stream()
                .filter(DiagnosisStep::decisive)
                .findFirst()
                .map(decisive -> upTo(report, decisive))
                .orElse(deadline);
        if (report.steps().stream().noneMatch(DiagnosisStep::decisive) || total.compareTo(deadline.dividedBy(2)) > 0) {
            findings.add("This machine's own address " + ip + " does not resolve quickly (" + total.toMillis()
                    + " ms): clients connecting from this machine wait that long to log in. Put it in the hosts"
                    + " file, or put local-ptr before dns in resolver.strategies.");
        }
    }

    private static Duration upTo(DiagnosisReport report, DiagnosisStep decisive) {
        Duration sum = Duration.ZERO;
        for (DiagnosisStep step : report.steps()) {
            sum = sum.plus(step.elapsed());
            if (step.equals(decisive)) {
                break;
            }
        }
        return sum;
    }

    private void login(Resolvers resolvers, ResolverConfig config) {
        out.println("\n== login over loopback (embedded server, same resolver settings)");
        try {
            LoginProbe.Result result = LoginProbe.measure(resolvers.create(config), config.deadline());
            out.printf(
                    "first login:  greeting %d ms, +OK after PASS %d ms%n",
                    result.first().greeting().toMillis(), result.first().login().toMillis());
            out.printf(
                    "second login: greeting %d ms, +OK after PASS %d ms (name from the cache)%n",
                    result.second().greeting().toMillis(),
                    result.second().login().toMillis());
            if (result.first().login().compareTo(config.deadline().dividedBy(2)) > 0) {
                findings.add(
                        "A login from 127.0.0.1 took " + result.first().login().toMillis() + " ms because"
                                + " the client's name was not found in time (it never waits longer than resolver.deadline,"
                                + " " + config.deadline().toMillis() + " ms). Put local-ptr or hosts before dns in"
                                + " resolver.strategies, or fix the DNS server.");
            }
        } catch (IOException | RuntimeException e) {
            out.println("could not measure: " + e.getMessage());
            findings.add("The loopback login could not be measured (" + e.getMessage() + ").");
        }
    }

    /** Whether LAN clients may log in without TLS: not a slowness, but the first thing they meet. */
    private void plaintextLogins(Settings settings) {
        out.println("\n== plaintext logins");
        out.println("  "
                + CleartextAdvice.of(settings)
                        .orElse("allowed as configured (auth.cleartext=" + settings.string("auth.cleartext")
                                + ", pop3.bind=" + settings.string("pop3.bind") + ")"));
    }

    private int verdict() {
        out.println("\n== verdict");
        if (findings.isEmpty()) {
            out.println("Nothing found that would slow logins down. The greeting never waits for a name,"
                    + " and no login waits longer than resolver.deadline.");
            return 0;
        }
        out.println("What would slow logins down, and how to fix it:");
        for (int i = 0; i < findings.size(); i++) {
            out.println((i + 1) + ". " + findings.get(i));
        }
        return 1;
    }
}
