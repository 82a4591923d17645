package io.tanpopo.pop3.protocol;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which commands each state allows (RFC 1939 §4–§7, RFC 2449 §5): data, checked once by the
 * dispatcher, so no command asks which state it is in. Immutable; a state without an entry allows
 * no command.
 */
public final class CommandTable {

    private final Map<SessionState, Map<String, Command>> commands = new EnumMap<>(SessionState.class);

    /** A table of {@code commands} by state and upper-case keyword. */
    public CommandTable(Map<SessionState, Map<String, Command>> commands) {
        commands.forEach((state, byKeyword) -> this.commands.put(state, Map.copyOf(byKeyword)));
    }

    public Optional<Command> find(SessionState state, String keyword) {
        return Optional.ofNullable(commands(state).get(keyword));
    }

    /** Whether any state knows {@code keyword}. */
    public boolean isKnown(String keyword) {
        return commands.values().stream().anyMatch(byKeyword -> byKeyword.containsKey(keyword));
    }

    public Set<String> keywords(SessionState state) {
        return commands(state).keySet();
    }

    private Map<String, Command> commands(SessionState state) {
        return commands.getOrDefault(state, Map.of());
    }
}
