package io.tanpopo.pop3.protocol;

import io.tanpopo.pop3.protocol.command.ApopCommand;
import io.tanpopo.pop3.protocol.command.AuthCommand;
import io.tanpopo.pop3.protocol.command.SaslDialogue;
import io.tanpopo.pop3.protocol.command.Utf8Command;
import io.tanpopo.pop3.sasl.SaslContext;
import io.tanpopo.pop3.sasl.SaslEntropy;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import io.tanpopo.pop3.protocol.command.CapaCommand;
import io.tanpopo.pop3.protocol.command.DeleCommand;
import io.tanpopo.pop3.protocol.command.ListCommand;
import io.tanpopo.pop3.protocol.command.NoopCommand;
import io.tanpopo.pop3.protocol.command.PassCommand;
import io.tanpopo.pop3.protocol.command.QuitCommand;
import io.tanpopo.pop3.protocol.command.RetrCommand;
import io.tanpopo.pop3.protocol.command.RsetCommand;
import io.tanpopo.pop3.protocol.command.StatCommand;
import io.tanpopo.pop3.protocol.command.StlsCommand;
import io.tanpopo.pop3.protocol.command.UpdateCommand;
import io.tanpopo.pop3.protocol.command.UserCommand;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which commands each state allows (RFC 1939 §4–§7, RFC 2449 §5): data, checked once by the
 * dispatcher, so no command asks which state it is in.
 */
public final class CommandTable {

    private final Map<SessionState, Map<String, Command>> tables = new EnumMap<>(SessionState.class);

    private CommandTable() {
        for (SessionState state : SessionState.values()) {
            tables.put(state, new HashMap<>());
        }
    }

    /** The standard tables of RFC 1939 and RFC 2449. */
    public static CommandTable standard(ProtocolContext context) {
        LoginService login = new LoginService(context);
        SaslMechanisms sasl = SaslMechanisms.standard();
        CapaCommand capa = new CapaCommand(new Capabilities(context, sasl));
        CommandTable table = new CommandTable();
        table.add(SessionState.AUTHORIZATION, "USER", new UserCommand(context));
        table.add(SessionState.AUTHORIZATION, "PASS", new PassCommand(context, login));
        if (context.tlsAvailable()) {
            table.add(SessionState.AUTHORIZATION, "STLS", new StlsCommand());
        }
        table.add(SessionState.AUTHORIZATION, "APOP", new ApopCommand(context, login));
        table.add(SessionState.AUTHORIZATION, "AUTH", new AuthCommand(context, sasl, new SaslDialogue(context, login),
                new SaslContext(context.config().hostname(), SaslEntropy.secureOnFirstUse(), context.clock())));
        table.add(SessionState.AUTHORIZATION, "UTF8", new Utf8Command());
        table.add(SessionState.AUTHORIZATION, "QUIT", new QuitCommand(context.config().hostname()));
        table.add(SessionState.AUTHORIZATION, "CAPA", capa);
        table.add(SessionState.TRANSACTION, "STAT", new StatCommand());
        table.add(SessionState.TRANSACTION, "LIST", ListCommand.list());
        table.add(SessionState.TRANSACTION, "UIDL", ListCommand.uidl());
        table.add(SessionState.TRANSACTION, "RETR", RetrCommand.retr());
        table.add(SessionState.TRANSACTION, "TOP", RetrCommand.top());
        table.add(SessionState.TRANSACTION, "DELE", new DeleCommand());
        table.add(SessionState.TRANSACTION, "NOOP", new NoopCommand());
        table.add(SessionState.TRANSACTION, "RSET", new RsetCommand());
        table.add(SessionState.TRANSACTION, "QUIT", new UpdateCommand());
        table.add(SessionState.TRANSACTION, "CAPA", capa);
        return table;
    }

    /** Adds or replaces the command {@code keyword} in {@code state}. */
    public void add(SessionState state, String keyword, Command command) {
        tables.get(state).put(keyword, command);
    }

    public Optional<Command> find(SessionState state, String keyword) {
        return Optional.ofNullable(tables.get(state).get(keyword));
    }

    /** Whether any state knows {@code keyword}. */
    public boolean isKnown(String keyword) {
        return tables.values().stream().anyMatch(t -> t.containsKey(keyword));
    }

    public Set<String> keywords(SessionState state) {
        return Set.copyOf(tables.get(state).keySet());
    }
}
