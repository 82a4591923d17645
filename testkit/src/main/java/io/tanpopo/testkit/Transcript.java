package io.tanpopo.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What happened in one POP3 session: every command with its reply (passwords masked), who logged
 * in, which messages were retrieved and deleted, TLS and SASL, and how the session ended. Written
 * by the session's thread while it runs; every query returns a consistent copy.
 */
public final class Transcript {

    private final String id;
    private final String client;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final Set<Integer> retrieved = new LinkedHashSet<>();
    private final Set<Integer> deleted = new LinkedHashSet<>();
    private String user;
    private String saslMechanism;
    private boolean tls;
    private boolean committed;
    private String ended;

    Transcript(String id, String client) {
        this.id = id;
        this.client = client;
    }

    /** The session id, as in the server's log. */
    public String id() {
        return id;
    }

    /** The client's address and port. */
    public String client() {
        return client;
    }

    public synchronized Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The command keywords in order, e.g. {@code [CAPA, USER, PASS, STAT, QUIT]}. */
    public synchronized List<String> commands() {
        return exchanges.stream().map(Exchange::keyword).toList();
    }

    /** Numbers of the messages RETR sent successfully, in order. */
    public synchronized Set<Integer> retrieved() {
        return Set.copyOf(retrieved);
    }

    /** Numbers of the messages marked deleted when the session ended (RSET clears them). */
    public synchronized Set<Integer> deleted() {
        return Set.copyOf(deleted);
    }

    /** Whether QUIT in the TRANSACTION state committed the deletions (RFC 1939 §6). */
    public synchronized boolean committed() {
        return committed;
    }

    /** Whether TLS was started (STLS answered {@code +OK}) or the connection was TLS from the start. */
    public synchronized boolean tls() {
        return tls;
    }

    /** The SASL mechanism of a successful AUTH (RFC 5034), if any. */
    public synchronized Optional<String> saslMechanism() {
        return Optional.ofNullable(saslMechanism);
    }

    /** How the session ended ({@code quit}, {@code closed}, {@code idle timeout}, ...); empty while it runs. */
    public synchronized Optional<String> ended() {
        return Optional.ofNullable(ended);
    }

    /**
     * Whether the server answered QUIT with {@code +OK}, which ends the session. True as soon as the
     * client has that reply: a reply is recorded before it is sent, so no await is needed for this.
     */
    public synchronized boolean endedWithQuit() {
        return "quit".equals(ended) || quitAnswered();
    }

    /** Whether {@code keyword} was issued at some point after {@code earlier} had been answered {@code +OK}. */
    public synchronized boolean issuedAfter(String keyword, String earlier) {
        boolean seen = false;
        for (Exchange exchange : exchanges) {
            if (seen && exchange.keyword().equalsIgnoreCase(keyword)) {
                return true;
            }
            seen |= exchange.keyword().equalsIgnoreCase(earlier) && exchange.ok();
        }
        return false;
    }

    /** Plain assertions on this transcript, failing with the whole transcript in the message. */
    public TranscriptAssert assertThat() {
        return new TranscriptAssert(this);
    }

    /** The dialogue as text, {@code C:} and {@code S:} lines, for failure messages. */
    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder("session " + id + " from " + client)
                .append(user != null ? " as " + user : "")
                .append('\n');
        exchanges.forEach(e -> text.append(e).append('\n'));
        return text.append(ended != null ? "(ended: " + ended + ")" : "(still open)")
                .toString();
    }

    synchronized void add(Exchange exchange, Optional<String> account) {
        exchanges.add(exchange);
        account.ifPresent(name -> user = name);
        tls |= exchange.secure() || (exchange.keyword().equals("STLS") && exchange.ok());
        if (!exchange.ok()) {
            return;
        }
        switch (exchange.keyword()) {
            case "RETR" -> number(exchange).ifPresent(retrieved::add);
            case "DELE" -> number(exchange).ifPresent(deleted::add);
            case "RSET" -> deleted.clear();
            case "QUIT" -> committed = user != null;
            case "AUTH" -> saslMechanism = word(exchange, 1).orElse(null);
            default -> {}
        }
    }

    synchronized void end(String how) {
        ended = how;
    }

    private boolean quitAnswered() {
        Exchange last = exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
        return last != null && last.keyword().equals("QUIT") && last.ok();
    }

    private static Optional<Integer> number(Exchange exchange) {
        return word(exchange, 1).filter(w -> w.matches("[0-9]{1,9}")).map(Integer::valueOf);
    }

    private static Optional<String> word(Exchange exchange, int index) {
        String[] parts = exchange.command().trim().split(" +");
        return parts.length > index ? Optional.of(parts[index]) : Optional.empty();
    }
}
