package io.tanpopo.pop3.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} (and {@code curl}) command-line tools for test fixtures and as real TLS clients.
 * Private keys exist only in the test's temporary directory; none is committed.
 */
final class OpenSsl {

    private static final long TIMEOUT_SECONDS = 30;

    private final Path dir;

    OpenSsl(Path dir) {
        this.dir = dir;
    }

    /** A certificate and its key, both PEM; the key is PKCS#8 as OpenSSL 3 writes it. */
    record Issued(Path cert, Path key) {}

    /** Exit code and merged stdout+stderr of a finished process. */
    record Result(int exitCode, String output) {}

    Issued rootCa(String name) throws IOException {
        Issued ca = new Issued(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        ok(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                ca.key().toString(),
                "-out",
                ca.cert().toString(),
                "-days",
                "2",
                "-subj",
                "/CN=" + name,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    Issued intermediate(Issued issuer, String name) throws IOException {
        return issue(issuer, name, "ec", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
    }

    /** A server certificate for localhost and 127.0.0.1; {@code keyType} is {@code rsa} or {@code ec}. */
    Issued leaf(Issued issuer, String name, String keyType) throws IOException {
        return issue(
                issuer,
                name,
                keyType,
                "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                        + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    }

    /** PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). */
    Path traditional(Path key, String outName) throws IOException {
        Path out = dir.resolve(outName);
        ok("openssl", "pkey", "-in", key.toString(), "-traditional", "-out", out.toString());
        return out;
    }

    Path encryptedPkcs8(Path key, String password, String outName) throws IOException {
        Path out = dir.resolve(outName);
        ok(
                "openssl",
                "pkcs8",
                "-topk8",
                "-in",
                key.toString(),
                "-v2",
                "aes-256-cbc",
                "-passout",
                "pass:" + password,
                "-out",
                out.toString());
        return out;
    }

    Path pkcs12(Issued leaf, Path caChain, String password, String outName) throws IOException {
        Path out = dir.resolve(outName);
        ok(
                "openssl",
                "pkcs12",
                "-export",
                "-inkey",
                leaf.key().toString(),
                "-in",
                leaf.cert().toString(),
                "-certfile",
                caChain.toString(),
                "-passout",
                "pass:" + password,
                "-out",
                out.toString());
        return out;
    }

    /** Concatenates PEM files, e.g. leaf then intermediate. */
    Path concat(String outName, Path... parts) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path part : parts) {
            text.append(Files.readString(part));
        }
        return Files.writeString(dir.resolve(outName), text);
    }

    /** {@code openssl s_client} to 127.0.0.1:port, sending one line and waiting for the server to close. */
    Result sClient(int port, String line, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-ign_eof"));
        command.addAll(List.of(options));
        return run(command, line + "\n");
    }

    Result run(List<String> command, String stdin) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    private Issued issue(Issued issuer, String name, String keyType, String extensions) throws IOException {
        Issued issued = new Issued(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions);
        List<String> keyOptions = keyType.equals("rsa")
                ? List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048")
                : List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        List<String> genpkey = new ArrayList<>(List.of("openssl", "genpkey"));
        genpkey.addAll(keyOptions);
        genpkey.addAll(List.of("-out", issued.key().toString()));
        ok(genpkey.toArray(String[]::new));
        ok("openssl", "req", "-new", "-key", issued.key().toString(), "-subj", "/CN=" + name, "-out", csr.toString());
        ok(
                "openssl",
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                issuer.cert().toString(),
                "-CAkey",
                issuer.key().toString(),
                "-set_serial",
                String.valueOf(System.nanoTime()),
                "-days",
                "2",
                "-extfile",
                ext.toString(),
                "-out",
                issued.cert().toString());
        return issued;
    }

    private void ok(String... command) throws IOException {
        Result result = run(List.of(command), "");
        if (result.exitCode() != 0) {
            throw new IOException(
                    "failed (" + result.exitCode() + "): " + String.join(" ", command) + "\n" + result.output());
        }
    }
}
