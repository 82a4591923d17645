package io.tanpopo.pop3.protocol.command;

import static java.util.Map.entry;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.protocol.Capabilities;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandTable;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.SessionState;
import io.tanpopo.pop3.sasl.SaslContext;
import io.tanpopo.pop3.sasl.SaslEntropy;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import java.util.HashMap;
import java.util.Map;

/**
 * The command table of RFC 1939 (§4 to §7), RFC 2449 (§5, CAPA), RFC 2595 (§4, STLS: only when the
 * server has TLS), RFC 5034 (§4, AUTH) and RFC 6856 (§2, UTF8), made once per server.
 */
public final class StandardCommands {

    private StandardCommands() {}

    /** The standard commands of each state, for the server {@code context} describes. */
    public static CommandTable table(ProtocolContext context) {
        Authenticator authenticator = context.authenticator();
        Cleartext cleartext = context.cleartext();
        String hostname = context.config().hostname();
        LoginService login = new LoginService(context);
        SaslMechanisms sasl = SaslMechanisms.standard();
        Command capa = new CapaCommand(new Capabilities(context, sasl));
        SaslContext saslContext = new SaslContext(hostname, SaslEntropy.secureOnFirstUse(), context.clock());
        SaslDialogue dialogue = new SaslDialogue(authenticator, login);

        Map<String, Command> authorization = new HashMap<>(Map.ofEntries(
                entry("USER", new UserCommand(cleartext, login)),
                entry("PASS", new PassCommand(authenticator, cleartext, login)),
                entry("APOP", new ApopCommand(authenticator, login)),
                entry("AUTH", new AuthCommand(authenticator, cleartext, sasl, dialogue, saslContext)),
                entry("UTF8", new Utf8Command()),
                entry("QUIT", new QuitCommand(hostname)),
                entry("CAPA", capa)));
        if (context.tlsAvailable()) {
            authorization.put("STLS", new StlsCommand());
        }
        Map<String, Command> transaction = Map.ofEntries(
                entry("STAT", new StatCommand()),
                entry("LIST", ListCommand.list()),
                entry("UIDL", ListCommand.uidl()),
                entry("RETR", RetrCommand.retr()),
                entry("TOP", RetrCommand.top()),
                entry("DELE", new DeleCommand()),
                entry("NOOP", new NoopCommand()),
                entry("RSET", new RsetCommand()),
                entry("QUIT", new QuitUpdateCommand()),
                entry("CAPA", capa));
        return new CommandTable(
                Map.of(SessionState.AUTHORIZATION, authorization, SessionState.TRANSACTION, transaction));
    }
}
