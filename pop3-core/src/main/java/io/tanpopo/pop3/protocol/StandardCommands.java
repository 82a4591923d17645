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

/**
 * The commands of RFC 1939 and RFC 2449 for one server, each made the first time a session of the
 * server runs it: a start makes none of them (and loads none of their classes), and a server whose
 * clients never say AUTH never loads SASL. The table of which command each state allows is still
 * data, built by {@link CommandTable#standard}; this only makes what the table names.
 */
final class StandardCommands {

    private final ProtocolContext context;
    /** Shared by PASS, APOP and AUTH; made with the first of them. */
    private LoginService login;
    /** Shared by CAPA and AUTH. */
    private SaslMechanisms sasl;
    /** One CAPA for both states. */
    private CapaCommand capa;

    StandardCommands(ProtocolContext context) {
        this.context = context;
    }

    /** A stand-in for the command {@code keyword} of {@code state}, made when first run. */
    Command deferred(SessionState state, String keyword) {
        return new Deferred(this, state, keyword);
    }

    private synchronized Command make(SessionState state, String keyword) {
        return switch (keyword) {
            case "USER" -> new UserCommand(context);
            case "PASS" -> new PassCommand(context, login());
            case "STLS" -> new StlsCommand();
            case "APOP" -> new ApopCommand(context, login());
            case "AUTH" -> new AuthCommand(context, sasl(), new SaslDialogue(context, login()),
                    new SaslContext(context.config().hostname(), SaslEntropy.secureOnFirstUse(), context.clock()));
            case "UTF8" -> new Utf8Command();
            case "QUIT" -> state == SessionState.AUTHORIZATION
                    ? new QuitCommand(context.config().hostname()) : new UpdateCommand();
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

    /** Stands in the table for a standard command until its first run makes it. */
    private static final class Deferred implements Command {
        private final StandardCommands commands;
        private final SessionState state;
        private final String keyword;
        private volatile Command made;

        Deferred(StandardCommands commands, SessionState state, String keyword) {
            this.commands = commands;
            this.state = state;
            this.keyword = keyword;
        }

        @Override
        public Reply execute(Pop3Session session, CommandLine line) {
            Command command = made;
            if (command == null) {
                synchronized (this) {
                    if (made == null) {
                        made = commands.make(state, keyword);
                    }
                    command = made;
                }
            }
            return command.execute(session, line);
        }
    }
}
