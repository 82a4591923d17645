package io.tanpopo.app.scaleout;

import io.tanpopo.app.ConfigFile;
import io.tanpopo.app.ServerWiring;
import io.tanpopo.app.ServiceSettings;
import io.tanpopo.app.ServiceWiring;
import io.tanpopo.app.Settings;
import io.tanpopo.app.log.SessionSummaryLog;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One tanpopo instance wired from properties as the service is (limits, PROXY policy, metrics,
 * POP-before-SMTP, session log), trusting a PROXY header from 127.0.0.1 only, named
 * {@code pop3.hostname} so that its greeting tells it apart; its session log lines are kept. Keys
 * given override these defaults.
 */
record Instance(String name, ServiceWiring service, Pop3Server server, List<String> log) implements AutoCloseable {

    static Instance start(Path dir, String name, List<String> keys) {
        Map<String, String> lines = new LinkedHashMap<>();
        Stream.concat(
                        Stream.of(
                                "pop3.port=0",
                                "pop3.hostname=" + name,
                                "proxy.trusted=127.0.0.1",
                                "tls.enabled=false",
                                "metrics.jmx=false"),
                        keys.stream())
                .forEach(line -> lines.put(line.substring(0, line.indexOf('=')), line)); // a later key wins
        Settings settings = new Settings(ConfigFile.parse(List.copyOf(lines.values()), name + ".properties"));
        ServiceWiring service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
        List<String> log = new CopyOnWriteArrayList<>();
        try {
            Pop3Server server = new ServerWiring(settings)
                    .builder(service)
                    .listener(new SessionSummaryLog(SessionSummaryLog.Format.TEXT, Clock.systemUTC(), log::add))
                    .start();
            return new Instance(name, service, server, log);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** Whether {@code pop}'s greeting came from this instance. */
    boolean greeted(Pop3Wire pop) {
        return pop.greeting().startsWith("+OK " + name + " ");
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            service.close();
        }
    }
}
