package io.tanpopo.pop3.sasl;

import io.tanpopo.auth.SecretResult;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CRAM-MD5 (RFC 2195): the server sends {@code <nonce.time@host>}, the client answers
 * {@code user SP hex(HMAC-MD5(secret, challenge))}. Server-first, so an initial response is a
 * protocol error (RFC 4422 §5). Unknown users are compared against a dummy secret and rejected
 * like wrong digests.
 */
public final class CramMd5Mechanism implements SaslMechanism {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{32}");

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public boolean needsSecret() {
        return true;
    }

    @Override
    public boolean isPlaintext() {
        return false;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        String challenge = "<" + context.entropy().nonce() + "."
                + context.clock().instant().getEpochSecond() + "@" + context.serverName() + ">";
        return new SaslExchange() {
            private byte[] digest;

            @Override
            public SaslStep begin(Optional<byte[]> initialResponse) {
                return initialResponse.isPresent()
                        ? SaslStep.malformed("CRAM-MD5 takes no initial response")
                        : new SaslStep.Challenge(challenge.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public SaslStep step(byte[] response) {
                Optional<String> text = SaslInput.utf8(response);
                int space = text.map(t -> t.lastIndexOf(' ')).orElse(-1);
                if (space < 0 || digest != null) {
                    return SaslStep.malformed("CRAM-MD5 response must be 'user digest'");
                }
                String user = text.get().substring(0, space);
                String hex = text.get().substring(space + 1);
                if (!SaslInput.isUserName(user) || !DIGEST.matcher(hex).matches()) {
                    return SaslStep.malformed("CRAM-MD5 user or digest malformed");
                }
                digest = hex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
                return new SaslStep.NeedSecret(user);
            }

            @Override
            public SaslStep secret(SecretResult result) {
                if (result instanceof SecretResult.Unavailable u) {
                    return new SaslStep.Failure(SaslStep.Kind.UNAVAILABLE, u.reason());
                }
                byte[] secret = result instanceof SecretResult.Found f ? f.secret() : new byte[16];
                byte[] expected = hmacMd5Hex(secret, challenge);
                Arrays.fill(secret, (byte) 0);
                boolean equal = MessageDigest.isEqual(expected, digest);
                if (result instanceof SecretResult.Found f && equal) {
                    return new SaslStep.Success(f.account());
                }
                return SaslStep.rejected("CRAM-MD5 digest wrong or user unknown");
            }
        };
    }

    static byte[] hmacMd5Hex(byte[] secret, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            // An empty key is legal HMAC but SecretKeySpec refuses it; HMAC pads keys with zeros anyway.
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacMD5"));
            byte[] raw = mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacMD5", e);
        }
    }
}
