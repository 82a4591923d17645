package io.tanpopo.pop3.transport;

import org.apache.mina.core.session.IoSession;

/** Puts TLS on a connection after STLS (RFC 2595 §4); refused when the server has no TLS. */
interface TlsStarter {

    void start(IoSession session, MinaConnection connection);

    /** A server without TLS: STLS is never offered, so this is never reached; close if it is. */
    static TlsStarter none() {
        return (session, connection) -> session.closeNow();
    }
}
