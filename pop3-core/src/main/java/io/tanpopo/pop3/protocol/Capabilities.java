package io.tanpopo.pop3.protocol;

import io.tanpopo.pop3.sasl.SaslMechanism;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CAPA list (RFC 2449 §6): only what really works in this session's state and with this
 * server's configuration.
 */
public final class Capabilities {

    private final ProtocolContext context;
    private final SaslMechanisms sasl;

    public Capabilities(ProtocolContext context, SaslMechanisms sasl) {
        this.context = context;
        this.sasl = sasl;
    }

    public List<String> lines(Pop3Session session) {
        List<String> lines = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        if (session.state() == SessionState.AUTHORIZATION) {
            if (context.allowsCleartext(session)) {
                lines.add("USER");
            }
            if (context.tlsAvailable() && !session.connection().secure()) {
                lines.add("STLS");
            }
            String mechanisms =
                    sasl.usable(context.authenticator().providesSecrets(), context.allowsCleartext(session)).stream()
                            .map(SaslMechanism::name)
                            .collect(Collectors.joining(" "));
            if (!mechanisms.isEmpty()) {
                lines.add("SASL " + mechanisms);
            }
            lines.add("UTF8 USER");
        }
        context.config().expire().ifPresent(days -> lines.add("EXPIRE " + days));
        context.loginDelays()
                .ifPresent(d -> lines.add("LOGIN-DELAY " + d.delay().toSeconds()));
        lines.add("IMPLEMENTATION tanpopo-" + context.version().get());
        return lines;
    }
}
