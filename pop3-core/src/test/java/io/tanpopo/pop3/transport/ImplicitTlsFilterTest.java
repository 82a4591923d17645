package io.tanpopo.pop3.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.pop3.tls.TlsContextProvider;
import io.tanpopo.testsupport.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
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

        try (SSLSocket first = connect(port);
                SSLSocket second = connect(port)) {
            assertThat(greeting(first)).startsWith("+OK ");
            assertThat(greeting(second)).startsWith("+OK ");

            Await.until(
                    Duration.ofSeconds(10),
                    "two sessions with TLS",
                    () -> transport.tlsFilters().size() == 2);
            assertThat(transport.tlsFilters().get(0))
                    .isInstanceOf(TlsStarter.EngineFilter.class)
                    .isNotSameAs(transport.tlsFilters().get(1));
        }
    }

    private static SSLSocket connect(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnyServer()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String greeting(SSLSocket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
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
