package io.tanpopo.pop3.it;

import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the (masked) command lines the server received, to see which commands a client chose. */
final class Transcript implements SessionListener {

    private final List<String> commands = new CopyOnWriteArrayList<>();

    @Override
    public void command(Pop3Session session, CommandLine line) {
        commands.add(line.masked());
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    List<String> keywords() {
        return commands.stream()
                .map(c -> c.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT))
                .toList();
    }
}
