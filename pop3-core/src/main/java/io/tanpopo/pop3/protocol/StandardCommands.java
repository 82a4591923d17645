package io.tanpopo.pop3.protocol;

import io.tanpopo.pop3.protocol.command.ApopCommand;
import io.tanpopo.pop3.protocol.command.AuthCommand;
import io.tanpopo.pop3.protocol.command.CapaCommand;
import io.tanpopo.pop3.protocol.command.DeleCommand;
import io.tanpopo.pop3.protocol.command.ListCommand;
import io.tanpopo.pop3.protocol.command.NoopCommand;
import io.tanpopo.pop3.protocol.command.PassCommand;
import io.tanpopo.pop3.protocol.command.QuitCommand;
import io.tanpopo.pop3.protocol.command.RetrCommand;
import io.tanpopo.pop3.protocol.command.RsetCommand;
import io.tanpopo.pop3.protocol.command.SaslDialogue;
import io.tanpopo.pop3.protocol.command.StatCommand;
import io.tanpopo.pop3.protocol.command.StlsCommand;
import io.tanpopo.pop3.protocol.command.UpdateCommand;
import io.tanpopo.pop3.protocol.command.UserCommand;
import io.tanpopo.pop3.protocol.command.Utf8Command;
import io.tanpopo.pop3.sasl.SaslContext;
import io.tanpopo.pop3.sasl.SaslEntropy;
import io.tanpopo.pop3.sasl.SaslMechanisms;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands of RFC 1939 and RFC 2449 for one server, each made the first time a session of the
 * server runs it: a start makes none of them (and loads none of their classes), and a server whose
 * clients never say AUTH never loads SASL. Which command each state allows is data, the same for
 * every server: the keyword lists below.
 */
final class StandardCommands {

    /** RFC 1939 §4 and §7, RFC 2449 §5, RFC 2595 §4 (STLS, only with TLS), RFC 5034 §4, RFC 6856 §2. */
    private static final List<String> AUTHORIZATION =
            List.of("USER", "PASS", "STLS", "APOP", "AUTH", "UTF8", "QUIT", "CAPA");
    /** RFC 1939 §5 to §7, RFC 2449 §5. */
    private static final List<String> TRANSACTION =
            List.of("STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "NOOP", "RSET", "QUIT", "CAPA");
    /** Where each command of a state sits in {@link #made}: the transaction commands after the others. */
    private static final Map<String, Integer> AUTHORIZATION_SLOTS = slots(AUTHORIZATION, 0);

    private static final Map<String, Integer> TRANSACTION_SLOTS = slots(TRANSACTION, AUTHORIZATION.size());

    private final ProtocolContext context;
    /**
     * The commands made so far, by slot. Copied on write (at most once per command), so a session
     * finding a command made before reads it without a lock.
     */
    private volatile Command[] made = new Command[AUTHORIZATION.size() + TRANSACTION.size()];
    /** Shared by PASS, APOP and AUTH; made with the first of them. */
    private LoginService login;
    /** Shared by CAPA and AUTH. */
    private SaslMechanisms sasl;
    /** One CAPA for both states. */
    private CapaCommand capa;

    StandardCommands(ProtocolContext context) {
        this.context = context;
    }

    /** The command {@code keyword} of {@code state}, made at its first use; null when the state has none. */
    Command find(SessionState state, String keyword) {
        int slot = slot(state, keyword);
        if (slot < 0) {
            return null;
        }
        Command command = made[slot];
        return command != null ? command : make(slot, state, keyword);
    }

    /** Whether {@code state} has the command {@code keyword} (none is made). */
    boolean offers(SessionState state, String keyword) {
        return slot(state, keyword) >= 0;
    }

    /** The keywords of {@code state}, in a new set (no command is made). */
    Set<String> keywords(SessionState state) {
        Set<String> keywords = new HashSet<>();
        for (String keyword : state == SessionState.AUTHORIZATION
                ? AUTHORIZATION
                : state == SessionState.TRANSACTION ? TRANSACTION : List.<String>of()) {
            if (offers(state, keyword)) {
                keywords.add(keyword);
            }
        }
        return keywords;
    }

    /** The slot of {@code keyword} in {@code state}, or -1 when the state has no such command. */
    private int slot(SessionState state, String keyword) {
        Integer slot = state == SessionState.AUTHORIZATION
                ? AUTHORIZATION_SLOTS.get(keyword)
                : state == SessionState.TRANSACTION ? TRANSACTION_SLOTS.get(keyword) : null;
        if (slot == null || (keyword.equals("STLS") && !context.tlsAvailable())) {
            return -1;
        }
        return slot;
    }

    private static Map<String, Integer> slots(List<String> keywords, int first) {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < keywords.size(); i++) {
            slots.put(keywords.get(i), first + i);
        }
        return Map.copyOf(slots);
    }

    private synchronized Command make(int slot, SessionState state, String keyword) {
        Command command = made[slot];
        if (command == null) {
            command = make(state, keyword);
            Command[] more = made.clone();
            more[slot] = command;
            made = more;
        }
        return command;
    }

    /** Called with this object locked (the shared parts are made once). */
    private Command make(SessionState state, String keyword) {
        return switch (keyword) {
            case "USER" -> new UserCommand(context, login());
            case "PASS" -> new PassCommand(context, login());
            case "STLS" -> new StlsCommand();
            case "APOP" -> new ApopCommand(context, login());
            case "AUTH" ->
                new AuthCommand(
                        context,
                        sasl(),
                        new SaslDialogue(context, login()),
                        new SaslContext(context.config().hostname(), SaslEntropy.secureOnFirstUse(), context.clock()));
            case "UTF8" -> new Utf8Command();
            case "QUIT" ->
                state == SessionState.AUTHORIZATION
                        ? new QuitCommand(context.config().hostname())
                        : new UpdateCommand();
            case "CAPA" -> capa();
            case "STAT" -> new StatCommand();
            case "LIST" -> ListCommand.list();
            case "UIDL" -> ListCommand.uidl();
            case "RETR" -> RetrCommand.retr();
            case "TOP" -> RetrCommand.top();
            case "DELE" -> new DeleCommand();
            case "NOOP" -> new NoopCommand();
            case "RSET" -> new RsetCommand();
            default -> throw new IllegalArgumentException("no standard command " + keyword);
        };
    }

    private LoginService login() {
        if (login == null) {
            login = new LoginService(context);
        }
        return login;
    }

    private SaslMechanisms sasl() {
        if (sasl == null) {
            sasl = SaslMechanisms.standard();
        }
        return sasl;
    }

    private CapaCommand capa() {
        if (capa == null) {
            capa = new CapaCommand(new Capabilities(context, sasl()));
        }
        return capa;
    }
}
