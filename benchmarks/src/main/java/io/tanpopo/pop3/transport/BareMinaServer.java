package io.tanpopo.pop3.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The transport alone, for {@code StartupChild mina}: a MINA acceptor with one I/O processor
 * whose handler writes a fixed POP3 greeting and nothing else (no protocol, no session state, no
 * store). What it costs to start is the floor under what a tanpopo server can cost. In a package
 * named as pop3-core's transport, the one package that may import MINA (STYLE.md §1,
 * {@code ArchitectureTest}).
 */
public final class BareMinaServer implements AutoCloseable {

    private static final byte[] GREETING = "+OK bare MINA\r\n".getBytes(StandardCharsets.US_ASCII);

    private final NioSocketAcceptor acceptor;

    private BareMinaServer(NioSocketAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** Listens on a free loopback port. */
    public static BareMinaServer start() {
        NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionOpened(IoSession session) {
                session.write(IoBuffer.wrap(GREETING));
            }
        });
        try {
            acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            acceptor.dispose();
            throw new UncheckedIOException(e);
        }
        return new BareMinaServer(acceptor);
    }

    public int port() {
        return acceptor.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }
}
