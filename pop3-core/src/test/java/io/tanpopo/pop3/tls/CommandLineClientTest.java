package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openssl s_client} and {@code curl} against the generated certificate: real, non-Java clients. */
@RequiresProgram(value = "openssl", debianPackage = "openssl")
@RequiresProgram(value = "curl", debianPackage = "curl")
class CommandLineClientTest {

    @TempDir
    static Path dir;

    private static OpenSsl openSsl;
    private static TlsEchoServer server;
    private static Path caPem;

    @BeforeAll
    static void startServer() throws Exception {
        TlsContextProvider provider = TlsContextProvider.create(TlsConfig.generated("localhost"), Clock.systemUTC());
        caPem = provider.generatedTrust().orElseThrow().writeCaPem(dir.resolve("ca.pem"));
        openSsl = new OpenSsl(dir);
        server = TlsEchoServer.start(provider);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void opensslClient_tls13_verifiesChainAndHostName() throws Exception {
        OpenSsl.Result result = openSsl.sClient(
                server.port(),
                "hello13",
                "-tls1_3",
                "-CAfile",
                caPem.toString(),
                "-verify_return_error",
                "-verify_hostname",
                "localhost");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Verify return code: 0 (ok)", "TLSv1.3", "hello13");
    }

    @Test
    void opensslClient_tls12_verifiesAndUsesForwardSecretAead() throws Exception {
        OpenSsl.Result result = openSsl.sClient(
                server.port(),
                "hello12",
                "-tls1_2",
                "-CAfile",
                caPem.toString(),
                "-verify_return_error",
                "-verify_hostname",
                "localhost");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("Verify return code: 0 (ok)", "Protocol  : TLSv1.2", "Cipher    : ECDHE-ECDSA-", "hello12");
        assertThat(result.output()).containsPattern("Cipher    : ECDHE-ECDSA-(AES128-GCM|AES256-GCM|CHACHA20)");
    }

    @Test
    void opensslClient_tls11_isRefusedByTheServer() throws Exception {
        // SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all, so the refusal is the server's, not the client's.
        OpenSsl.Result result = openSsl.sClient(
                server.port(), "old", "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", caPem.toString());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).doesNotContain("no protocols available").doesNotContain("old\n");
        assertThat(result.output()).containsIgnoringCase("protocol version");
    }

    @Test
    void opensslClient_wrongHostName_failsVerification() throws Exception {
        OpenSsl.Result result = openSsl.sClient(
                server.port(),
                "x",
                "-CAfile",
                caPem.toString(),
                "-verify_return_error",
                "-verify_hostname",
                "wrong.example.test");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("hostname mismatch");
    }

    @Test
    void curl_withCacert_verifiesLocalhost() throws Exception {
        // The echo server answers the request line, which curl accepts as an HTTP/0.9 response.
        OpenSsl.Result result = openSsl.run(
                List.of(
                        "curl",
                        "-sS",
                        "--http0.9",
                        "--max-time",
                        "20",
                        "--cacert",
                        caPem.toString(),
                        "--resolve",
                        "localhost:" + server.port() + ":127.0.0.1",
                        "https://localhost:" + server.port() + "/"),
                "");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).startsWith("GET / HTTP/1.1");
    }
}
