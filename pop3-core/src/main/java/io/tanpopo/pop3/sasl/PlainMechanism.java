package io.tanpopo.pop3.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}. We do not let one user
 * act for another, so a non-empty authzid must equal the authcid.
 */
public final class PlainMechanism implements SaslMechanism {

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public boolean needsSecret() {
        return false;
    }

    @Override
    public boolean isPlaintext() {
        return true;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new SaslExchange() {
            @Override
            public SaslStep begin(Optional<byte[]> initialResponse) {
                // RFC 4616 §2: PLAIN is client-first; without an initial response, send an empty challenge.
                return initialResponse
                        .map(PlainMechanism::message)
                        .orElseGet(() -> new SaslStep.Challenge(new byte[0]));
            }

            @Override
            public SaslStep step(byte[] response) {
                return message(response);
            }
        };
    }

    private static SaslStep message(byte[] message) {
        if (SaslInput.utf8(message).isEmpty()) {
            return SaslStep.malformed("PLAIN message is not UTF-8 or too long");
        }
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0 || indexOf(message, second + 1) >= 0) {
            return SaslStep.malformed("PLAIN message needs exactly two NULs");
        }
        String authzid = new String(message, 0, first, StandardCharsets.UTF_8);
        String authcid = new String(message, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] password = Arrays.copyOfRange(message, second + 1, message.length);
        if (!SaslInput.isUserName(authcid) || password.length == 0) {
            return SaslStep.malformed("PLAIN authcid or password empty or invalid");
        }
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            return SaslStep.rejected("PLAIN authzid differs from authcid");
        }
        return new SaslStep.Authenticate(authcid, password);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
