package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Decision under test: an expired certificate is logged as a warning and served anyway; clients that
 * verify reject it. Refusing to start would turn a missed renewal into an outage for every client.
 */
@RequiresProgram(value = "openssl", debianPackage = "openssl")
class ExpiredCertificateTest {

    @Test
    void expiredPemCertificate_loadsWithWarning(@TempDir Path dir) throws Exception {
        OpenSsl openSsl = new OpenSsl(dir);
        OpenSsl.Issued leaf = openSsl.leaf(openSsl.rootCa("root"), "leaf", "ec");
        Clock threeDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);
        ListAppender<ILoggingEvent> logged = capture();
        try {
            TlsContextProvider.create(
                    new TlsConfig(
                            new TlsConfig.PemFiles(leaf.cert(), leaf.key(), Optional.empty()), Duration.ofSeconds(5)),
                    threeDaysLater);
        } finally {
            logger().detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("EXPIRED", "CN=leaf", leaf.cert().toString());
        });
    }

    @Test
    void expiredCertificate_isServed_andVerifyingClientRejectsIt() throws Exception {
        Clock fortyDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
        TlsContextProvider provider = TlsContextProvider.create(TlsConfig.generated("localhost"), fortyDaysAgo);
        try (TlsEchoServer server = TlsEchoServer.start(provider)) {
            assertThatThrownBy(() -> Pop3Wire.open(server.port())
                            .startTls(provider.generatedTrust().orElseThrow().clientSslContext(), "localhost"))
                    .cause()
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("CertificateExpiredException");
        }
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger().addAppender(appender);
        return appender;
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(KeyMaterial.class);
    }
}
