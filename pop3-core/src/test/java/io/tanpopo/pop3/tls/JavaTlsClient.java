package io.tanpopo.pop3.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JSSE client that connects to 127.0.0.1 but verifies the server as {@code expectedHost} (endpoint
 * identification "HTTPS", RFC 2818 / RFC 6125 rules), sends one line and reads the echo.
 */
final class JavaTlsClient {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** What the exchange showed. */
    record Exchange(String reply, String protocol, String cipherSuite, X509Certificate serverLeaf) {}

    private JavaTlsClient() {}

    /** A client context trusting only the CA certificate(s) in a PEM file. */
    static SSLContext trusting(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    static Exchange exchange(SSLContext context, int port, String expectedHost, String line) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, expectedHost, port, true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            tls.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            String reply = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return new Exchange(
                    reply, tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), (X509Certificate)
                            tls.getSession().getPeerCertificates()[0]);
        }
    }
}
