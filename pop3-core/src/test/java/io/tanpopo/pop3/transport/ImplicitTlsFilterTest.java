package io.tanpopo.pop3.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.pop3.tls.TlsContextProvider;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The implicit-TLS port gives every session a TLS filter of its own, as STLS does: MINA's filter
 * serialises the TLS work of its sessions on itself, so one filter for the whole port would make
 * all of its clients decrypt and acknowledge by turns.
 */
class ImplicitTlsFilterTest {

    private LoopbackTransport server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void implicitTls_everySessionHasAFilterOfItsOwn() throws Exception {
        TlsContextProvider provider = TlsContextProvider.create(TlsConfig.generated("localhost"), Clock.systemUTC());
        server = LoopbackTransport.start(Pop3Server.builder().user("alice", "secret"), Optional.of(provider));
        MinaTransport transport = server.transport;
        int port = transport.implicitTlsAddress().orElseThrow().getPort();

        try (Pop3Wire first = Pop3Wire.open(port).startTls(trustingAnyServer());
                Pop3Wire second = Pop3Wire.open(port).startTls(trustingAnyServer())) {
            assertThat(first.line()).startsWith("+OK ");
            assertThat(second.line()).startsWith("+OK ");

            Await.until(
                    Duration.ofSeconds(10),
                    "two sessions with TLS",
                    () -> transport.tlsFilters().size() == 2);
            assertThat(transport.tlsFilters().get(0))
                    .isInstanceOf(TlsStarter.EngineFilter.class)
                    .isNotSameAs(transport.tlsFilters().get(1));
        }
    }

    private static SSLContext trustingAnyServer() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnyServer()}, null);
        return context;
    }

    /** Only the filters are under test here, not the certificate. */
    private static final class TrustingAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // any
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
