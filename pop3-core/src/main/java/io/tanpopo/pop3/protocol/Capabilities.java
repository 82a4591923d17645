package io.tanpopo.pop3.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAPA list (RFC 2449 §6): only what really works in this session's state and with this
 * server's configuration.
 */
public final class Capabilities {

    private final ProtocolContext context;

    public Capabilities(ProtocolContext context) {
        this.context = context;
    }

    public List<String> lines(Pop3Session session) {
        List<String> lines = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        if (session.state() == SessionState.AUTHORIZATION) {
            lines.add("USER");
        }
        context.config().expire().ifPresent(days -> lines.add("EXPIRE " + days));
        context.loginDelays().ifPresent(d -> lines.add("LOGIN-DELAY " + d.delay().toSeconds()));
        lines.add("IMPLEMENTATION tanpopo-" + context.version());
        lines.removeIf(line -> !context.hooks().profile().advertises(line));
        return lines;
    }
}
