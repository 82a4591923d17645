package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client sides of every POP3 login, written from the RFCs with the JDK's own crypto (never the
 * server's code): each returns the final status line, and SCRAM checks the server's signature.
 */
final class WireLogins {

    /** The login methods, by the name tests use. */
    enum Method {
        USER_PASS,
        PLAIN,
        LOGIN,
        CRAM_MD5,
        APOP,
        SCRAM_SHA_256
    }

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder DEC = Base64.getDecoder();

    private WireLogins() {}

    static String login(Pop3Wire wire, Method method, String user, String password) {
        return switch (method) {
            case USER_PASS -> wire.login(user, password);
            case PLAIN -> wire.command("AUTH PLAIN " + b64("\0" + user + "\0" + password));
            case LOGIN -> {
                assertThat(wire.command("AUTH LOGIN")).startsWith("+ ");
                assertThat(wire.command(b64(user))).startsWith("+ ");
                yield wire.command(b64(password));
            }
            case CRAM_MD5 -> {
                String challenge = text(continuation(wire.command("AUTH CRAM-MD5")));
                byte[] digest = mac("HmacMD5", bytes(password), bytes(challenge));
                yield wire.command(b64(user + " " + HexFormat.of().formatHex(digest)));
            }
            case APOP -> {
                String greeting = wire.greeting();
                String stamp = greeting.substring(greeting.indexOf('<'), greeting.lastIndexOf('>') + 1);
                yield wire.command("APOP " + user + " " + HexFormat.of().formatHex(md5(stamp + password)));
            }
            case SCRAM_SHA_256 -> scram(wire, user, password);
        };
    }

    /** RFC 5802 §3 client, no channel binding; fails the test if the server's signature is wrong. */
    private static String scram(Pop3Wire wire, String user, String password) {
        byte[] nonceBytes = new byte[18];
        new SecureRandom().nextBytes(nonceBytes);
        String clientFirstBare = "n=" + user + ",r=" + B64.encodeToString(nonceBytes);
        String reply = wire.command("AUTH SCRAM-SHA-256 " + b64("n,," + clientFirstBare));
        if (!reply.startsWith("+ ")) {
            return reply;
        }
        String serverFirst = text(continuation(reply));
        Map<String, String> fields = fields(serverFirst);
        byte[] salted = pbkdf2(password, DEC.decode(fields.get("s")), Integer.parseInt(fields.get("i")));
        String withoutProof = "c=biws,r=" + fields.get("r");
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = mac("HmacSHA256", salted, bytes("Client Key"));
        byte[] signature = mac("HmacSHA256", sha256(clientKey), bytes(authMessage));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        reply = wire.command(b64(withoutProof + ",p=" + B64.encodeToString(proof)));
        if (!reply.startsWith("+ ")) {
            return reply;
        }
        byte[] serverKey = mac("HmacSHA256", salted, bytes("Server Key"));
        String expected = "v=" + B64.encodeToString(mac("HmacSHA256", serverKey, bytes(authMessage)));
        assertThat(text(continuation(reply))).as("server signature").isEqualTo(expected);
        return wire.command("");
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : message.split(",")) {
            fields.put(part.substring(0, 1), part.substring(2));
        }
        return fields;
    }

    private static byte[] continuation(String reply) {
        assertThat(reply).startsWith("+ ");
        return DEC.decode(reply.substring(2));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    private static byte[] md5(String text) {
        return digest("MD5", bytes(text));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return B64.encodeToString(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] octets) {
        return new String(octets, StandardCharsets.UTF_8);
    }
}
