package io.tanpopo.pop3.it.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * The JDK's TLS client engine driven over a connected socket, read as a stream of application
 * data. Unlike an {@code SSLSocket}, which reports the end of the stream the same way whether or
 * not the server sent close_notify, it tells the two apart ({@link #closeNotified()}): a stream
 * cut short without close_notify is a truncation (RFC 8446 §6.1).
 */
final class EngineClient extends InputStream {

    private final Socket socket;
    private final SSLEngine engine;
    /** Octets read from the socket and not yet unwrapped; ready to be filled. */
    private ByteBuffer netIn;
    /** Application data unwrapped and not yet read; ready to be filled. */
    private final ByteBuffer appIn;

    /** Handshakes over {@code socket}, which the caller has connected (and brought to STLS, if used). */
    EngineClient(Socket socket, SSLContext context) throws IOException {
        this.socket = socket;
        this.engine = context.createSSLEngine("127.0.0.1", socket.getPort());
        engine.setUseClientMode(true);
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        for (HandshakeStatus status = engine.getHandshakeStatus();
                isHandshaking(status);
                status = engine.getHandshakeStatus()) {
            if (status == HandshakeStatus.NEED_WRAP) {
                send(ByteBuffer.allocate(0));
            } else if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (!unwrap()) {
                throw new EOFException("end of stream in the TLS handshake");
            }
        }
    }

    private static boolean isHandshaking(HandshakeStatus status) {
        return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
    }

    /** Sends {@code octets} as application data. */
    void write(String octets) throws IOException {
        send(ByteBuffer.wrap(octets.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** Whether the server ended TLS with close_notify; meaningful once {@link #read} returned -1. */
    boolean closeNotified() {
        return engine.isInboundDone();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (appIn.position() == 0) {
            if (engine.isInboundDone() || !unwrap()) {
                return -1;
            }
            afterRecord();
        }
        appIn.flip();
        int n = Math.min(length, appIn.remaining());
        appIn.get(buffer, offset, n);
        appIn.compact();
        return n;
    }

    /** Post-handshake messages (a ticket, a key update) may ask for a task or an answer. */
    private void afterRecord() throws IOException {
        HandshakeStatus status = engine.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
        } else if (status == HandshakeStatus.NEED_WRAP && !engine.isInboundDone()) {
            send(ByteBuffer.allocate(0));
        }
    }

    /** Unwraps one record, reading from the socket as needed; false at the end of the stream. */
    private boolean unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            switch (result.getStatus()) {
                case OK, CLOSED -> {
                    return true;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!fill()) {
                        return false;
                    }
                }
                default -> throw new IOException("unwrap: " + result);
            }
        }
    }

    private boolean fill() throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
        }
        int n = socket.getInputStream().read(netIn.array(), netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    private void send(ByteBuffer source) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            net.clear();
            SSLEngineResult result = engine.wrap(source, net);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new IOException("wrap: " + result);
            }
            socket.getOutputStream().write(net.array(), 0, net.position());
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        } while (source.hasRemaining());
        socket.getOutputStream().flush();
    }

    private void runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
