package io.tanpopo.pop3.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * LOGIN (draft-murchison-sasl-login, never an RFC): the server asks {@code Username:} and
 * {@code Password:}. An initial response is taken as the user name, as Microsoft clients send it.
 * The password may be any bytes except NUL, up to 8 KiB.
 */
public final class LoginMechanism implements SaslMechanism {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "LOGIN";
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
            private String user;

            @Override
            public SaslStep begin(Optional<byte[]> initialResponse) {
                return initialResponse.map(this::step).orElseGet(() -> new SaslStep.Challenge(USERNAME.clone()));
            }

            @Override
            public SaslStep step(byte[] response) {
                if (user == null) {
                    Optional<String> name = SaslInput.utf8(response).filter(SaslInput::isUserName);
                    if (name.isEmpty()) {
                        return SaslStep.malformed("LOGIN user name empty, too long or not UTF-8");
                    }
                    user = name.get();
                    return new SaslStep.Challenge(PASSWORD.clone());
                }
                if (response.length > SaslInput.MAX_RESPONSE || contains0(response)) {
                    return SaslStep.malformed("LOGIN password too long or contains NUL");
                }
                return new SaslStep.Authenticate(user, response.clone());
            }
        };
    }

    private static boolean contains0(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
