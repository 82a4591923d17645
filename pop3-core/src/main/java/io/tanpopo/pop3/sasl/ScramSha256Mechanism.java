package io.tanpopo.pop3.sasl;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.ScramCredentials;
import io.tanpopo.auth.SecretResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding. When the authenticator gives the
 * plain secret, each exchange derives SaltedPassword with a fresh salt and 4096 iterations (the
 * RFC 7677 minimum); when it gives stored {@link SecretResult.ScramKeys}, their salt and count go
 * to the client and the proof is checked against StoredKey and signed with ServerKey, without the
 * password. The secret is used as its UTF-8 bytes; SASLprep (RFC 4013) is not applied, so non-ASCII
 * passwords work only when client and server spell them alike.
 *
 * <p>The derivation (PBKDF2, the expensive part) runs only once a well-formed client-final message
 * with the right nonce has arrived, never on the client-first message: a client that starts
 * exchanges and cancels them after server-first costs the server no hashing.
 *
 * <p>Flow: client-first → {@link SaslStep.NeedSecret} → server-first challenge → client-final →
 * server-final challenge ({@code v=…}) → empty response → {@link SaslStep.Success}. RFC 5034 §4
 * has no success-with-data, so server-final goes out as a challenge. Unknown users get a
 * server-first like anyone else and fail at the proof.
 */
public final class ScramSha256Mechanism implements SaslMechanism {

    static final int ITERATIONS = 4096;

    /** PBKDF2 as RFC 5802 §2.2's Hi(); a seam so that tests can see when it runs. */
    interface Derivation {
        byte[] hi(byte[] password, byte[] salt, int iterations);
    }

    private final Derivation derivation;

    public ScramSha256Mechanism() {
        this(ScramCrypto::hi);
    }

    ScramSha256Mechanism(Derivation derivation) {
        this.derivation = derivation;
    }

    @Override
    public String name() {
        return "SCRAM-SHA-256";
    }

    @Override
    public boolean needsSecret() {
        return true;
    }

    @Override
    public boolean acceptsScramKeys() {
        return true;
    }

    @Override
    public boolean isPlaintext() {
        return false;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new Exchange(context, derivation);
    }

    /** The state of one exchange; fields fill in as messages arrive. */
    private static final class Exchange implements SaslExchange {
        private final SaslContext context;
        private final Derivation derivation;
        private ScramMessages.ClientFirst first;
        private String serverFirst;
        private byte[] salt;
        private int iterations = ITERATIONS;
        /** The user's secret, or a random one for an unknown user; wiped once derived or cancelled. */
        private byte[] secret;
        /** The stored keys, when the authenticator gave those instead of a secret. */
        private ScramCredentials keys;

        private Optional<Account> account = Optional.empty();
        private boolean finalSent;

        Exchange(SaslContext context, Derivation derivation) {
            this.context = context;
            this.derivation = derivation;
        }

        @Override
        public SaslStep begin(Optional<byte[]> initialResponse) {
            return initialResponse.map(this::step).orElseGet(() -> new SaslStep.Challenge(new byte[0]));
        }

        @Override
        public SaslStep step(byte[] response) {
            if (first == null) {
                return clientFirst(response);
            }
            if (serverFirst != null && !finalSent) {
                return clientFinal(response);
            }
            if (finalSent && response.length == 0 && account.isPresent()) {
                return new SaslStep.Success(account.get());
            }
            return SaslStep.malformed("SCRAM message out of order");
        }

        @Override
        public SaslStep secret(SecretResult result) {
            if (first == null || serverFirst != null) {
                throw new IllegalStateException("SCRAM did not ask for a secret now");
            }
            if (result instanceof SecretResult.Unavailable u) {
                return new SaslStep.Failure(SaslStep.Kind.UNAVAILABLE, u.reason());
            }
            salt = context.entropy().salt();
            if (result instanceof SecretResult.Found f) {
                secret = f.secret().clone();
                Arrays.fill(f.secret(), (byte) 0);
                account = Optional.of(f.account());
            } else if (result instanceof SecretResult.ScramKeys k) {
                keys = k.keys();
                salt = keys.salt();
                iterations = keys.iterations();
                account = Optional.of(k.account());
            } else {
                // Unknown user: the same work later on a random secret, so neither timing nor the reply tells.
                secret = context.entropy().salt();
            }
            serverFirst = "r=" + first.nonce() + context.entropy().nonce() + ",s="
                    + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
            return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void cancel() {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }

        private SaslStep clientFirst(byte[] response) {
            Optional<ScramMessages.ClientFirst> parsed =
                    SaslInput.utf8(response).flatMap(ScramMessages::clientFirst);
            if (parsed.isEmpty()) {
                return SaslStep.malformed("SCRAM client-first-message malformed or asks for channel binding");
            }
            first = parsed.get();
            return new SaslStep.NeedSecret(first.user());
        }

        private SaslStep clientFinal(byte[] response) {
            Optional<ScramMessages.ClientFinal> parsed =
                    SaslInput.utf8(response).flatMap(ScramMessages::clientFinal);
            if (parsed.isEmpty()) {
                return SaslStep.malformed("SCRAM client-final-message malformed");
            }
            ScramMessages.ClientFinal message = parsed.get();
            String expectedBinding =
                    Base64.getEncoder().encodeToString(first.gs2Header().getBytes(StandardCharsets.UTF_8));
            String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
            if (!message.channelBinding().equals(expectedBinding)
                    || !message.nonce().equals(nonce)) {
                return SaslStep.malformed("SCRAM channel binding or nonce does not match");
            }
            String authMessage = first.bare() + "," + serverFirst + "," + message.withoutProof();
            ScramCredentials credentials = keys != null ? keys : derived();
            boolean valid = ScramCrypto.verifyProof(credentials.storedKey(), authMessage, message.proof());
            byte[] signature = ScramCrypto.serverSignature(credentials.serverKey(), authMessage);
            if (!valid || account.isEmpty()) {
                return SaslStep.rejected("SCRAM proof wrong or user unknown");
            }
            finalSent = true;
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(signature);
            return new SaslStep.Challenge(serverFinal.getBytes(StandardCharsets.UTF_8));
        }

        /** The keys of the secret (a plain user's, or an unknown user's random one), which is then wiped. */
        private ScramCredentials derived() {
            byte[] saltedPassword = derivation.hi(secret, salt, iterations);
            cancel();
            try {
                return ScramCredentials.fromSaltedPassword(iterations, salt, saltedPassword);
            } finally {
                Arrays.fill(saltedPassword, (byte) 0);
            }
        }
    }
}
