package io.tanpopo.pop3.protocol;

/**
 * One POP3 command. It reads and changes the session and returns the reply; it never touches the
 * network. Which states allow it is decided by the dispatcher's tables, not by the command.
 */
@FunctionalInterface
public interface Command {

    Reply execute(Pop3Session session, CommandLine line);
}
