package io.tanpopo.pop3.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Checks on what a client sends inside SASL messages, shared by the mechanisms. */
final class SaslInput {

    /** The largest decoded client response we look at. */
    static final int MAX_RESPONSE = 8192;

    static final int MAX_USER = 255;

    private SaslInput() {}

    /** Strict UTF-8 decoding of a whole response; empty if invalid or too long. */
    static Optional<String> utf8(byte[] bytes) {
        if (bytes.length > MAX_RESPONSE) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A user name the authenticators accept: 1–255 characters, no control characters (LoginRequest). */
    static boolean isUserName(String user) {
        return !user.isEmpty() && user.length() <= MAX_USER && user.codePoints().noneMatch(Character::isISOControl);
    }
}
