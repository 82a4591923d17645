package io.tanpopo.pop3.sasl;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Parsing of the client's SCRAM messages (RFC 5802 §7), strict, returning empty on any error. */
final class ScramMessages {

    /** The parts of client-first-message we need. */
    record ClientFirst(String gs2Header, String bare, String user, String nonce) {}

    /** The parts of client-final-message we need. */
    record ClientFinal(String channelBinding, String nonce, String withoutProof, byte[] proof) {}

    private ScramMessages() {}

    /**
     * Parses {@code gs2-header client-first-message-bare}. Only the flags {@code n} and {@code y}
     * are accepted: we offer no -PLUS variant, so {@code p=} (channel binding) must fail
     * (RFC 5802 §6). An authzid must name the user itself.
     */
    static Optional<ClientFirst> clientFirst(String text) {
        if (!(text.startsWith("n,") || text.startsWith("y,"))) {
            return Optional.empty();
        }
        int end = text.indexOf(',', 2);
        if (end < 0) {
            return Optional.empty();
        }
        String authzField = text.substring(2, end);
        String bare = text.substring(end + 1);
        List<String> attributes = List.of(bare.split(",", -1));
        if (attributes.size() < 2
                || !attributes.get(0).startsWith("n=")
                || !attributes.get(1).startsWith("r=")) {
            return Optional.empty(); // also refuses the reserved "m=" extension (§5.1)
        }
        Optional<String> user = saslName(attributes.get(0).substring(2)).filter(SaslInput::isUserName);
        String nonce = attributes.get(1).substring(2);
        if (user.isEmpty() || !isPrintable(nonce)) {
            return Optional.empty();
        }
        if (!authzField.isEmpty()
                && !(authzField.startsWith("a=")
                        && saslName(authzField.substring(2)).equals(user))) {
            return Optional.empty();
        }
        return Optional.of(new ClientFirst(text.substring(0, end + 1), bare, user.get(), nonce));
    }

    /** Parses {@code c=..,r=..[,ext..],p=..}; the proof must be last. */
    static Optional<ClientFinal> clientFinal(String text) {
        int proofAt = text.lastIndexOf(",p=");
        List<String> attributes = List.of(text.split(",", -1));
        if (proofAt < 0
                || attributes.size() < 3
                || !attributes.get(0).startsWith("c=")
                || !attributes.get(1).startsWith("r=")) {
            return Optional.empty();
        }
        try {
            byte[] proof = Base64.getDecoder().decode(text.substring(proofAt + 3));
            return Optional.of(new ClientFinal(
                    attributes.get(0).substring(2), attributes.get(1).substring(2), text.substring(0, proofAt), proof));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Decodes a saslname: {@code =2C} is {@code ,}, {@code =3D} is {@code =}, any other {@code =} is an error. */
    static Optional<String> saslName(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == ',') {
                return Optional.empty();
            }
            if (c == '=') {
                String escape = encoded.startsWith("=2C", i) ? "," : encoded.startsWith("=3D", i) ? "=" : null;
                if (escape == null) {
                    return Optional.empty();
                }
                out.append(escape);
                i += 2;
            } else {
                out.append(c);
            }
        }
        return Optional.of(out.toString());
    }

    /** RFC 5802 {@code printable}: %x21-2B / %x2D-7E, at least one. */
    static boolean isPrintable(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ',');
    }
}
