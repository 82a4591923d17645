package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.protocol.Cleartext;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** PROXY protocol v1 and v2 over real sockets: the proxied client is the session's client. */
class ProxyProtocolTest {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final Queue<InetSocketAddress> clients = new ConcurrentLinkedQueue<>();
    private final SessionListener recorder = new SessionListener() {
        @Override
        public void opened(Pop3Session session) {
            clients.add(session.connection().remote());
        }
    };

    private Pop3Server server(String trusted) {
        return Pop3Server.builder().user("alice", "pw").noTls().cleartext(Cleartext.ALWAYS).listener(recorder)
                .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock(trusted)), Duration.ofMillis(500))).start();
    }

    @Test
    void v1HeaderFromTrustedProxy_sessionSeesTheProxiedClient() {
        try (Pop3Server server = server("127.0.0.0/8");
                RawClient client = new RawClient(server.port())) {
            client.send("PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\r\n");
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS pw")).startsWith("+OK");
            assertThat(client.command("QUIT")).startsWith("+OK");
            assertThat(clients).containsExactly(new InetSocketAddress("192.0.2.7", 40000));
        }
    }

    @Test
    void v2HeaderFromTrustedProxy_inTwoPieces_sessionSeesTheProxiedClient() {
        byte[] header = v2Tcp4(new byte[] {(byte) 203, 0, 113, 9}, 51000);
        try (Pop3Server server = server("127.0.0.1");
                RawClient client = new RawClient(server.port())) {
            client.send(java.util.Arrays.copyOfRange(header, 0, 10));
            client.send(java.util.Arrays.copyOfRange(header, 10, header.length));
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.command("CAPA")).startsWith("+OK");
            assertThat(clients).containsExactly(new InetSocketAddress("203.0.113.9", 51000));
        }
    }

    @Test
    void v2Local_healthCheck_keepsTheRealAddress() {
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        local.writeBytes(SIGNATURE);
        local.writeBytes(new byte[] {0x20, 0x00, 0x00, 0x00});
        try (Pop3Server server = server("127.0.0.1");
                RawClient client = new RawClient(server.port())) {
            client.send(local.toByteArray());
            assertThat(client.line()).startsWith("+OK");
            assertThat(clients.peek().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void headerFromUntrustedAddress_isRefused() {
        try (Pop3Server server = server("10.0.0.0/8");
                RawClient client = new RawClient(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send("PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
        try (Pop3Server server = server("10.0.0.0/8");
                RawClient client = new RawClient(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send(v2Tcp4(new byte[] {(byte) 203, 0, 113, 9}, 51000));
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void trustedProxyWithoutHeader_orWithGarbage_isClosedWithoutGreeting() {
        try (Pop3Server server = server("127.0.0.1");
                RawClient silent = new RawClient(server.port());
                RawClient garbage = new RawClient(server.port())) {
            garbage.send("CAPA\r\n");
            assertThat(garbage.line()).isNull();
            assertThat(silent.line()).isNull();
            assertThat(clients).isEmpty();
        }
    }

    private static byte[] v2Tcp4(byte[] source, int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(new byte[] {0x21, 0x11, 0x00, 12});
        out.writeBytes(source);
        out.writeBytes(new byte[] {127, 0, 0, 1});
        out.writeBytes(new byte[] {(byte) (port >> 8), (byte) port, 0, 110});
        return out.toByteArray();
    }
}
