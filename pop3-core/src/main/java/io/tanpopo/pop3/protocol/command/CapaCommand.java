package io.tanpopo.pop3.protocol.command;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionState;
import io.tanpopo.pop3.sasl.SaslMechanism;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CAPA (RFC 2449 §5): the capabilities valid in the session's current state, only what really
 * works in this session's state and with this server's configuration (RFC 2449 §6).
 */
public final class CapaCommand implements Command {

    private final Authenticator authenticator;
    private final Cleartext cleartext;
    private final boolean tlsAvailable;
    private final SaslMechanisms sasl;
    private final List<String> serverLines;

    /**
     * @param serverLines the lines every state lists last, set by the server's configuration
     *     (EXPIRE, LOGIN-DELAY, IMPLEMENTATION)
     */
    public CapaCommand(
            Authenticator authenticator,
            Cleartext cleartext,
            boolean tlsAvailable,
            SaslMechanisms sasl,
            List<String> serverLines) {
        this.authenticator = authenticator;
        this.cleartext = cleartext;
        this.tlsAvailable = tlsAvailable;
        this.sasl = sasl;
        this.serverLines = List.copyOf(serverLines);
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        return line.argumentCount() == 0
                ? Reply.ok("Capability list follows", lines(session))
                : Reply.err("Syntax: CAPA");
    }

    private List<String> lines(Pop3Session session) {
        List<String> lines = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        if (session.state() == SessionState.AUTHORIZATION) {
            boolean clear = cleartext.allows(session.connection());
            if (clear) {
                lines.add("USER");
            }
            if (tlsAvailable && !session.connection().secure()) {
                lines.add("STLS");
            }
            String mechanisms = sasl.usable(authenticator, clear).stream()
                    .map(SaslMechanism::name)
                    .collect(Collectors.joining(" "));
            if (!mechanisms.isEmpty()) {
                lines.add("SASL " + mechanisms);
            }
            lines.add("UTF8 USER");
        }
        lines.addAll(serverLines);
        return lines;
    }
}
