package io.tanpopo.pop3.protocol.command;

import static java.util.Map.entry;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.login.LoginDelays;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandTable;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.SessionState;
import io.tanpopo.pop3.sasl.SaslContext;
import io.tanpopo.pop3.sasl.SaslEntropy;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import io.tanpopo.store.MailStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command table of RFC 1939 (§4 to §7), RFC 2449 (§5, CAPA), RFC 2595 (§4, STLS: only when the
 * server has TLS), RFC 5034 (§4, AUTH) and RFC 6856 (§2, UTF8), made once per server.
 */
public final class StandardCommands {

    /**
     * What the commands use besides the shared {@link ProtocolContext}.
     *
     * @param store where logins open their maildrop
     * @param cleartext where USER/PASS and plaintext SASL are accepted
     * @param tlsAvailable whether STLS is offered
     * @param version CAPA's IMPLEMENTATION
     * @param clock LOGIN-DELAY's and SASL's clock
     */
    public record Setup(MailStore store, Cleartext cleartext, boolean tlsAvailable, String version, Clock clock) {

        /** No TLS, cleartext everywhere, the system clock: what protocol tests use. */
        public static Setup of(MailStore store, String version) {
            return new Setup(store, Cleartext.ALWAYS, false, version, Clock.systemUTC());
        }
    }

    private StandardCommands() {}

    /** The standard commands of each state for the server of {@code context}. */
    public static CommandTable table(ProtocolContext context, Setup setup) {
        Pop3Config config = context.config();
        Authenticator authenticator = context.authenticator();
        Cleartext cleartext = setup.cleartext();
        Optional<LoginDelays> loginDelays = config.loginDelay().map(delay -> new LoginDelays(delay, setup.clock()));
        LoginService login = new LoginService(setup.store(), loginDelays, context);
        SaslMechanisms sasl = SaslMechanisms.standard();
        SaslContext saslContext = new SaslContext(config.hostname(), SaslEntropy.secureOnFirstUse(), setup.clock());
        SaslDialogue dialogue = new SaslDialogue(authenticator, login);
        Command capa = new CapaCommand(
                authenticator, cleartext, setup.tlsAvailable(), sasl, serverCapabilities(config, setup.version()));

        Map<String, Command> authorization = new HashMap<>(Map.ofEntries(
                entry("USER", new UserCommand(cleartext, login)),
                entry("PASS", new PassCommand(authenticator, cleartext, login)),
                entry("APOP", new ApopCommand(authenticator, login)),
                entry("AUTH", new AuthCommand(authenticator, cleartext, sasl, dialogue, saslContext)),
                entry("UTF8", new Utf8Command()),
                entry("QUIT", new QuitCommand(config.hostname())),
                entry("CAPA", capa)));
        if (setup.tlsAvailable()) {
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

    /** CAPA's lines that the configuration sets: EXPIRE and LOGIN-DELAY (RFC 2449 §6.5, §6.7), IMPLEMENTATION. */
    private static List<String> serverCapabilities(Pop3Config config, String version) {
        List<String> lines = new ArrayList<>();
        config.expire().ifPresent(days -> lines.add("EXPIRE " + days));
        config.loginDelay().ifPresent(delay -> lines.add("LOGIN-DELAY " + delay.toSeconds()));
        lines.add("IMPLEMENTATION tanpopo-" + version);
        return lines;
    }
}
