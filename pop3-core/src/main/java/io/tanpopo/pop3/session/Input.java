package io.tanpopo.pop3.session;

import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;

/**
 * What a session's driver queues for its worker, in the order the client's input arrived: run one
 * at a time, each answered in turn (RFC 2449 §6.6 PIPELINING).
 */
sealed interface Input permits Input.Line, Input.Signal {

    /** What the input holds while queued, in bytes (see {@link PendingLines}). */
    int cost();

    /** Runs the input through the dispatcher: its reply, and how long to hold that back. */
    Dispatcher.Outcome dispatch(Dispatcher dispatcher, Pop3Session session);

    /** A decoded command line or SASL response, {@code octets} long on the wire, CRLF included. */
    record Line(String text, int octets) implements Input {

        @Override
        public int cost() {
            return PendingLines.cost(octets);
        }

        @Override
        public Dispatcher.Outcome dispatch(Dispatcher dispatcher, Pop3Session session) {
            return dispatcher.dispatch(session, text, octets);
        }
    }

    /** An event answered in its place among the lines, after those that came before it. */
    enum Signal implements Input {
        /** A line over the limit arrived; the transport discarded it without keeping it (RFC 2449 §4). */
        LINE_TOO_LONG,
        /** The access rules deny the client, now that its name is known. */
        ACCESS_DENIED;

        @Override
        public int cost() {
            return PendingLines.ITEM_OVERHEAD;
        }

        @Override
        public Dispatcher.Outcome dispatch(Dispatcher dispatcher, Pop3Session session) {
            return switch (this) {
                case LINE_TOO_LONG -> dispatcher.lineTooLong(session);
                case ACCESS_DENIED -> dispatcher.accessDenied(session);
            };
        }
    }
}
