/**
 * TLS key material for implicit TLS (POP3S, RFC 8314) and STLS (RFC 2595 section 4), independent of the
 * transport: this package hands out {@link javax.net.ssl.SSLContext}s and server {@link javax.net.ssl.SSLEngine}s;
 * it does not import MINA. The transport package wraps them in MINA's {@code SslFilter}.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li>{@link io.tanpopo.pop3.tls.TlsConfig} (the app reads it from the
 *       {@code tls.*} properties) says where the material comes from: PEM files (PKCS#1,
 *       SEC1, PKCS#8, encrypted PKCS#8; chain leaf first), a PKCS#12 store, or nothing, in which case a per-run
 *       EC P-256 CA and server certificate are generated.</li>
 *   <li>Loading uses BouncyCastle's PEM parser with the JDK's providers; the BouncyCastle provider is
 *       instantiated only to decrypt keys and is never registered globally. Files are size-bounded. Every
 *       failure is a {@link io.tanpopo.pop3.tls.TlsConfigException} naming the key and the file.</li>
 *   <li>The private key must match the leaf certificate (checked by signing and verifying, which also works
 *       for PKCS#8 files without a public key). An expired or not-yet-valid leaf is logged as a warning and
 *       served anyway: refusing to start would turn a missed renewal into an outage, and clients decide.</li>
 *   <li>{@link io.tanpopo.pop3.tls.TlsContextProvider} re-reads the files when their modification time,
 *       size or identity changed, looking at most once a second (by an injected {@link java.time.Clock}) and
 *       only when a new connection asks; no watcher thread. Broken new files are logged and the previous
 *       context keeps serving.</li>
 *   <li>{@link io.tanpopo.pop3.tls.TlsPolicy}: TLS 1.3 and 1.2 only; ECDHE with AEAD suites for 1.2; server
 *       order; no client certificates.</li>
 *   <li>{@link io.tanpopo.pop3.tls.GeneratedTrust} gives tests and embedders what a client needs to trust a
 *       generated certificate: a client {@code SSLContext}, the CA as PEM, a PKCS#12 trust store file.</li>
 * </ul>
 */
package io.tanpopo.pop3.tls;
