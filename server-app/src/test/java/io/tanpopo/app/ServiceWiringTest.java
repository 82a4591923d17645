package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service extras wired from properties onto a real server: metrics over HTTP and JMX, POP-before-SMTP. */
class ServiceWiringTest {

    @TempDir
    Path dir;

    @Test
    void metricsEndpoint_answersPrometheusText_andCountsChangeAfterASession() throws Exception {
        Settings settings = settings("metrics.http.port=0");
        try (ServiceWiring service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
                Pop3Server server = new ServerWiring(settings).builder(service).start()) {
            service.publish(server.config().bind(), server.port());
            URI uri = URI.create(
                    "http://127.0.0.1:" + service.http().orElseThrow().address().getPort() + "/metrics");
            HttpResponse<String> before = get(uri);
            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(before.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
            assertThat(before.body())
                    .contains(
                            "# TYPE tanpopo_sessions_total counter\n",
                            "tanpopo_sessions_total 0\n",
                            "tanpopo_logins_accepted_total 0\n");
            converse(server, "USER alice", "PASS wrong", "USER alice", "PASS pw", "QUIT");
            Await.until(
                    Duration.ofSeconds(15),
                    "one session counted and ended",
                    () -> service.metrics().getSessionsTotal() == 1
                            && service.metrics().getSessionsCurrent() == 0);
            // The session's own client lookup (127.0.0.1 is localhost) was counted by the wiring.
            String after = get(uri).body();
            assertThat(after)
                    .contains(
                            "tanpopo_sessions_total 1\n",
                            "tanpopo_sessions_current 0\n",
                            "tanpopo_logins_accepted_total 1\n",
                            "tanpopo_logins_rejected_total 1\n",
                            "# TYPE tanpopo_resolver_pass_through_decisions_total counter\n")
                    // hosts (the machine's /etc/hosts) or local-ptr: both name 127.0.0.1.
                    .containsPattern(
                            "tanpopo_resolver_seconds_count\\{strategy=\"(hosts|local-ptr)\",outcome=\"name\"} 1\n");
            ObjectName name = new ObjectName("io.tanpopo:type=Pop3Server,name=127.0.0.1_" + server.port());
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LoginsAccepted"))
                    .isEqualTo(1L);
        }
    }

    @Test
    void popBeforeSmtp_recordsTheClientAfterLogin() throws Exception {
        Path relay = Files.createDirectory(dir.resolve("relay"));
        Settings settings = settings("pop-before-smtp.dir=" + relay, "metrics.jmx=false");
        try (ServiceWiring service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
                Pop3Server server = new ServerWiring(settings).builder(service).start()) {
            converse(server, "USER alice", "PASS pw", "QUIT");
            Await.until(
                    Duration.ofSeconds(15),
                    "the relay file for 127.0.0.1",
                    () -> Files.exists(relay.resolve("127.0.0.1")));
        }
    }

    private Settings settings(String... extra) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "pop3.port=0",
                "auth.users=alice:pw",
                "tls.enabled=false",
                "auth.failure-delay=0s",
                "auth.failure-delay-max=0s"));
        lines.addAll(List.of(extra));
        return new Settings(ConfigFile.parse(lines, "t"));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void converse(Pop3Server server, String... commands) throws Exception {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            for (String command : commands) {
                pop.command(command);
            }
        }
    }
}
