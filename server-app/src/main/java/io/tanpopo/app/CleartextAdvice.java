package io.tanpopo.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What an operator must know before the first client off this machine logs in: with the default
 * {@code auth.cleartext=loopback}, USER/PASS and AUTH PLAIN/LOGIN without TLS work from loopback
 * only (as in Dovecot), and a LAN client that sends them gets {@code -ERR [AUTH] Plaintext
 * authentication disallowed}. Said in the start-up log and by {@code doctor}.
 */
final class CleartextAdvice {

    private CleartextAdvice() {}

    /** The advice for these settings, or empty when every client it can reach may log in as configured. */
    static Optional<String> of(Settings settings) {
        String cleartext = settings.choice("auth.cleartext", "loopback", "always", "never");
        if (!cleartext.equals("loopback") || loopbackOnly(settings.string("pop3.bind"))) {
            return Optional.empty();
        }
        boolean tls = settings.bool("tls.enabled");
        boolean ownCertificate = settings.text("tls.cert").isPresent()
                || settings.text("tls.keystore").isPresent();
        return Optional.of("plaintext logins (USER/PASS, AUTH PLAIN/LOGIN without TLS) are refused from "
                + "clients other than loopback (auth.cleartext=loopback). Two ways out: "
                + (tls && ownCertificate
                        ? "clients use STLS or port pop3s.port (your certificate is configured)"
                        : "STLS with a real certificate (tls.cert and tls.key"
                                + (tls ? "; the generated one " + "is trusted by no client" : "; tls.enabled is false")
                                + ")")
                + ", or auth.cleartext=always where the network itself is trusted");
    }

    /** Whether {@code bind} is a loopback address literal; a name is never looked up here. */
    private static boolean loopbackOnly(String bind) {
        if (!bind.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false; // the server's own start reports the bad address
        }
    }
}
