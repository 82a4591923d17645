package io.tanpopo.pop3.protocol.command;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.sasl.SaslContext;
import io.tanpopo.pop3.sasl.SaslMechanism;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import java.util.List;
import java.util.Optional;

/**
 * AUTH mechanism [initial-response] (RFC 5034 §4). Without arguments it lists the mechanisms, as
 * many clients expect (the RFC 1734 form). Only mechanisms the authenticator can serve and the
 * connection may carry are accepted; the exchange itself is run by {@link SaslDialogue}.
 */
public final class AuthCommand implements Command {

    /** Also the answer to a plaintext mechanism where cleartext is not allowed: CAPA does not offer it. */
    private static final Reply UNSUPPORTED = Reply.err("Unsupported authentication mechanism");

    private final Authenticator authenticator;
    private final Cleartext cleartext;
    private final SaslMechanisms mechanisms;
    private final SaslDialogue dialogue;
    private final SaslContext sasl;

    public AuthCommand(
            Authenticator authenticator,
            Cleartext cleartext,
            SaslMechanisms mechanisms,
            SaslDialogue dialogue,
            SaslContext sasl) {
        this.authenticator = authenticator;
        this.cleartext = cleartext;
        this.mechanisms = mechanisms;
        this.dialogue = dialogue;
        this.sasl = sasl;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() == 0) {
            return Reply.ok(
                    "Mechanisms follow",
                    usable(session).stream().map(SaslMechanism::name).toList());
        }
        if (line.argumentCount() > 2) {
            return Reply.err("Syntax: AUTH mechanism [initial-response]");
        }
        Optional<SaslMechanism> mechanism =
                mechanisms.find(line.argument(0), authenticator, cleartext.allows(session.connection()));
        if (mechanism.isEmpty()) {
            Optional<SaslMechanism> withCleartext = mechanisms.find(line.argument(0), authenticator, true);
            return withCleartext.isPresent()
                    ? dialogue.cleartextRefused(session, withCleartext.get().name(), UNSUPPORTED)
                    : UNSUPPORTED;
        }
        Optional<String> initial = line.argumentCount() == 2 ? Optional.of(line.argument(1)) : Optional.empty();
        return dialogue.begin(session, mechanism.get().name(), mechanism.get().start(sasl), initial);
    }

    private List<SaslMechanism> usable(Pop3Session session) {
        return mechanisms.usable(authenticator, cleartext.allows(session.connection()));
    }
}
