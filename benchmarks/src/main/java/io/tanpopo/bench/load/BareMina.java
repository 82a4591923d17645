package io.tanpopo.bench.load;

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
 * The transport alone, for measure 6's floor: a MINA acceptor with one I/O processor whose handler
 * writes a fixed POP3 greeting and nothing else (no protocol, no session state, no store).
 */
final class BareMina implements AutoCloseable {

    private static final byte[] GREETING = "+OK bare MINA\r\n".getBytes(StandardCharsets.US_ASCII);

    private final NioSocketAcceptor acceptor;

    private BareMina(NioSocketAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    static BareMina start() {
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
        return new BareMina(acceptor);
    }

    int port() {
        return acceptor.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }
}
