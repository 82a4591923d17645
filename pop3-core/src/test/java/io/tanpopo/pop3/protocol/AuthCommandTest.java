package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AuthCommandTest {

    private final ProtocolHarness pop = new ProtocolHarness();

    @Test
    void capa_listsSaslMechanismsTheStaticUsersCanServe_andUtf8() {
        assertThat(ProtocolHarness.wireText(pop.send("CAPA")))
                .contains("SASL SCRAM-SHA-256 CRAM-MD5 PLAIN LOGIN\r\n", "UTF8 USER\r\n");
    }

    @Test
    void auth_withoutArguments_listsMechanisms() {
        assertThat(ProtocolHarness.wireText(pop.send("AUTH")))
                .endsWith("SCRAM-SHA-256\r\nCRAM-MD5\r\nPLAIN\r\nLOGIN\r\n.\r\n");
    }

    @Test
    void plain_withInitialResponse_logsIn() {
        assertThat(pop.status("AUTH PLAIN " + b64("\0alice\0secret"))).startsWith("+OK");
        assertThat(pop.session.state()).isEqualTo(SessionState.TRANSACTION);
    }

    @Test
    void plain_withEmptyInitialResponse_challengesThenLogsIn() {
        assertThat(pop.status("AUTH PLAIN =")).isEqualTo("-ERR Invalid SASL response");
        assertThat(pop.status("AUTH PLAIN")).isEqualTo("+ ");
        assertThat(pop.status(b64("\0alice\0secret"))).startsWith("+OK");
    }

    @Test
    void plain_wrongPassword_isAuthFailureWithDelay() {
        assertThat(pop.status("AUTH PLAIN " + b64("\0alice\0nope"))).isEqualTo("-ERR [AUTH] Authentication failed");
        assertThat(pop.last.delay()).isPositive();
    }

    @Test
    void login_twoChallenges_thenLogsIn() {
        assertThat(pop.status("AUTH LOGIN")).isEqualTo("+ " + b64("Username:"));
        assertThat(pop.status(b64("alice"))).isEqualTo("+ " + b64("Password:"));
        assertThat(pop.status(b64("secret"))).startsWith("+OK");
    }

    @Test
    void cancel_withStar_endsTheExchange_andNextLineIsACommandAgain() {
        pop.send("AUTH LOGIN");
        assertThat(pop.status("*")).isEqualTo("-ERR Authentication cancelled");
        assertThat(pop.status("NOOP")).isEqualTo("-ERR Command not valid in this state");
    }

    @Test
    void malformedBase64_andUnknownMechanism_andAuthInTransaction_areRefused() {
        assertThat(pop.status("AUTH PLAIN !!!")).isEqualTo("-ERR Invalid base64 in initial response");
        pop.send("AUTH LOGIN");
        assertThat(pop.status("%%%")).isEqualTo("-ERR Invalid base64 in response");
        assertThat(pop.status("AUTH GSSAPI")).isEqualTo("-ERR Unsupported authentication mechanism");
        pop.login();
        assertThat(pop.status("AUTH PLAIN " + b64("\0alice\0secret")))
                .isEqualTo("-ERR Command not valid in this state");
    }

    @Test
    void emptyUserName_andNulInUserName_areRejected() {
        assertThat(pop.status("AUTH PLAIN " + b64("\0\0secret"))).startsWith("-ERR");
        assertThat(pop.status("AUTH PLAIN " + b64("\0ali\0ce\0secret"))).startsWith("-ERR");
        assertThat(pop.session.state()).isEqualTo(SessionState.AUTHORIZATION);
    }

    @Test
    void cramMd5_rightDigest_logsIn() throws Exception {
        String challenge = new String(
                Base64.getDecoder().decode(pop.status("AUTH CRAM-MD5").substring(2)), StandardCharsets.US_ASCII);
        Mac hmac = Mac.getInstance("HmacMD5");
        hmac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        String digest = HexFormat.of().formatHex(hmac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
        assertThat(pop.status(b64("alice " + digest))).startsWith("+OK");
    }

    @Test
    void scramSha256_scriptedDialogue_logsInAndVerifiesServerSignature() throws Exception {
        String clientFirstBare = "n=alice,r=fyko+d2lbbFgONRv9qkxdawL";
        String serverFirst = decoded(pop.status("AUTH SCRAM-SHA-256 " + b64("n,," + clientFirstBare)));
        Map<String, String> fields = Stream.of(serverFirst.split(","))
                .collect(Collectors.toMap(f -> f.substring(0, 1), f -> f.substring(2)));
        assertThat(fields.get("r")).startsWith("fyko+d2lbbFgONRv9qkxdawL");
        byte[] salted =
                pbkdf2("secret", Base64.getDecoder().decode(fields.get("s")), Integer.parseInt(fields.get("i")));
        String withoutProof = "c=biws,r=" + fields.get("r");
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] signature =
                hmac(java.security.MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        String serverFinal = decoded(
                pop.status(b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))));
        byte[] serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
        assertThat(serverFinal).isEqualTo("v=" + Base64.getEncoder().encodeToString(serverSignature));
        assertThat(pop.status("")).startsWith("+OK");
    }

    @Test
    void utf8_isAccepted_andUtf8UserNamesWork() {
        pop.users.put("j\u00fcrgen", "p\u00e4ss");
        assertThat(pop.status("UTF8")).isEqualTo("+OK UTF8 enabled");
        pop.send("USER j\u00fcrgen");
        assertThat(pop.status("PASS p\u00e4ss")).startsWith("+OK");
    }

    private static String decoded(String challengeLine) {
        assertThat(challengeLine).startsWith("+ ");
        return new String(Base64.getDecoder().decode(challengeLine.substring(2)), StandardCharsets.UTF_8);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
