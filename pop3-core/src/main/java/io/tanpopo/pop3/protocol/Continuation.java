package io.tanpopo.pop3.protocol;

/**
 * What the next client line means when it is not a command: the response to a SASL challenge
 * (RFC 5034 §4). Set by a command that answered {@code + challenge}; used once.
 */
@FunctionalInterface
public interface Continuation {

    Reply respond(Pop3Session session, String line);
}
