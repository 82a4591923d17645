package io.tanpopo.pop3.protocol;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which commands each state allows (RFC 1939 §4–§7, RFC 2449 §5): data, checked once by the
 * dispatcher, so no command asks which state it is in.
 */
public final class CommandTable {

    /** RFC 1939 §4 and §7, RFC 2449 §5, RFC 2595 §4 (STLS, only with TLS), RFC 5034 §4, RFC 6856 §2. */
    private static final List<String> AUTHORIZATION =
            List.of("USER", "PASS", "STLS", "APOP", "AUTH", "UTF8", "QUIT", "CAPA");
    /** RFC 1939 §5 to §7, RFC 2449 §5. */
    private static final List<String> TRANSACTION =
            List.of("STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "NOOP", "RSET", "QUIT", "CAPA");

    private final Map<SessionState, Map<String, Command>> tables = new EnumMap<>(SessionState.class);

    private CommandTable() {
        for (SessionState state : SessionState.values()) {
            tables.put(state, new HashMap<>());
        }
    }

    /**
     * The standard tables of RFC 1939 and RFC 2449. Each command is made the first time a session
     * runs it ({@link StandardCommands}), so a server starts without making or loading any.
     */
    public static CommandTable standard(ProtocolContext context) {
        StandardCommands commands = new StandardCommands(context);
        CommandTable table = new CommandTable();
        for (String keyword : AUTHORIZATION) {
            if (context.tlsAvailable() || !keyword.equals("STLS")) {
                table.add(SessionState.AUTHORIZATION, keyword, commands.deferred(SessionState.AUTHORIZATION, keyword));
            }
        }
        for (String keyword : TRANSACTION) {
            table.add(SessionState.TRANSACTION, keyword, commands.deferred(SessionState.TRANSACTION, keyword));
        }
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
