package io.tanpopo.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * A tiny UDP DNS responder on 127.0.0.1 and a free port (or an address given), for faults dnsmasq
 * cannot produce: never answering, SERVFAIL, an AS112-style NXDOMAIN. Counts the datagrams it
 * receives. UDP only: a resolver goes over TCP only after a truncated UDP answer.
 */
public final class ScriptedDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Function<Message, Optional<Message>> responder;
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    private ScriptedDnsServer(Function<Message, Optional<Message>> responder) throws IOException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder);
    }

    private ScriptedDnsServer(InetSocketAddress at, Function<Message, Optional<Message>> responder) throws IOException {
        this.socket = new DatagramSocket(at);
        this.responder = responder;
        this.thread = new Thread(this::serve, "scripted-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Receives and never answers. */
    public static ScriptedDnsServer blackHole() throws IOException {
        return new ScriptedDnsServer(query -> Optional.empty());
    }

    /** Receives at {@code at} (e.g. port 53 in a network namespace of its own) and never answers. */
    public static ScriptedDnsServer blackHole(InetSocketAddress at) throws IOException {
        return new ScriptedDnsServer(at, query -> Optional.empty());
    }

    /** Answers with {@code responder}'s message, or nothing for empty. */
    public static ScriptedDnsServer answering(Function<Message, Optional<Message>> responder) throws IOException {
        return new ScriptedDnsServer(responder);
    }

    /** Answers every query with the rcode. */
    public static ScriptedDnsServer rcode(int rcode) throws IOException {
        return new ScriptedDnsServer(query -> Optional.of(reply(query, rcode)));
    }

    /** NXDOMAIN with the SOA that the AS112 servers send (RFC 6304 §3.2). */
    public static ScriptedDnsServer as112() throws IOException {
        return new ScriptedDnsServer(query -> {
            Message reply = reply(query, Rcode.NXDOMAIN);
            reply.addRecord(
                    new SOARecord(
                            Name.fromConstantString("10.in-addr.arpa."),
                            DClass.IN,
                            604800,
                            Name.fromConstantString("prisoner.iana.org."),
                            Name.fromConstantString("hostmaster.root-servers.org."),
                            1,
                            604800,
                            60,
                            604800,
                            604800),
                    Section.AUTHORITY);
            return Optional.of(reply);
        });
    }

    /** Answers every PTR query with {@code name}. */
    public static ScriptedDnsServer ptr(String name) throws IOException {
        return new ScriptedDnsServer(query -> {
            Message reply = reply(query, Rcode.NOERROR);
            Record question = query.getQuestion();
            reply.addRecord(
                    new PTRRecord(question.getName(), DClass.IN, 300, Name.fromConstantString(name + ".")),
                    Section.ANSWER);
            return Optional.of(reply);
        });
    }

    /** A response header matching the query. */
    public static Message reply(Message query, int rcode) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        reply.getHeader().setRcode(rcode);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        return reply;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[1232];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Optional<Message> reply = responder.apply(query);
                if (reply.isPresent()) {
                    byte[] wire = reply.get().toWire(1232);
                    socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed: the loop condition ends the thread
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
