package io.tanpopo.pop3.protocol;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which commands each state allows (RFC 1939 §4–§7, RFC 2449 §5): data, checked once by the
 * dispatcher, so no command asks which state it is in. The standard tables are the same for every
 * server ({@link StandardCommands}); a server makes a command the first time a session runs it.
 */
public final class CommandTable {

    private final StandardCommands standard;
    /** Commands added to the standard ones or replacing them, by state; null until the first is added. */
    private Map<SessionState, Map<String, Command>> added;

    private CommandTable(StandardCommands standard) {
        this.standard = standard;
    }

    /** The standard tables of RFC 1939 and RFC 2449. */
    public static CommandTable standard(ProtocolContext context) {
        return new CommandTable(new StandardCommands(context));
    }

    /** Adds or replaces the command {@code keyword} in {@code state}. */
    public void add(SessionState state, String keyword, Command command) {
        if (added == null) {
            added = new EnumMap<>(SessionState.class);
        }
        Map<String, Command> commands = added.get(state);
        if (commands == null) {
            commands = new HashMap<>();
            added.put(state, commands);
        }
        commands.put(keyword, command);
    }

    public Optional<Command> find(SessionState state, String keyword) {
        Command command = added(state, keyword);
        return Optional.ofNullable(command != null ? command : standard.find(state, keyword));
    }

    /** Whether any state knows {@code keyword}. */
    public boolean isKnown(String keyword) {
        for (SessionState state : SessionState.values()) {
            if (added(state, keyword) != null || standard.offers(state, keyword)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> keywords(SessionState state) {
        Set<String> keywords = standard.keywords(state);
        if (added != null && added.containsKey(state)) {
            keywords.addAll(added.get(state).keySet());
        }
        return Set.copyOf(keywords);
    }

    private Command added(SessionState state, String keyword) {
        Map<String, Command> commands = added != null ? added.get(state) : null;
        return commands != null ? commands.get(keyword) : null;
    }
}
