package io.tanpopo.pop3.login;

import io.tanpopo.resolver.AddressText;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every failed login at INFO on the logger {@code tanpopo.auth}, one line each, so that an
 * auditor and fail2ban see brute force ({@code contrib/fail2ban}, {@code docs/security-logging.md}):
 * <pre>
 * login failed: reason=rejected, method=USER, rip=192.0.2.7, user=&lt;alice&gt;
 * </pre>
 * The fixed fields come first and the user name, the only text the client chose, comes last, in
 * {@code <>}, sanitised: at most {@value #MAX_USER_CHARACTERS} characters (then {@code ...}),
 * letters, digits and harmless ASCII punctuation as they are, everything else (spaces, control
 * characters, quotes, {@code <>,=\}, line and format characters) as {@code \xHH} per UTF-8 octet.
 * So no name can end the line, start a new one, or forge a {@code rip=} field.
 */
public final class FailedLoginLog {

    public static final int MAX_USER_CHARACTERS = 64;
    private static final Logger LOG = LoggerFactory.getLogger("tanpopo.auth");
    /** ASCII punctuation kept as it is: none of it delimits a field of the line. */
    private static final String KEPT_PUNCTUATION = "!#$%&()*+-./:;?@[]^_{|}~";

    private FailedLoginLog() {}

    /** Logs one failed attempt from {@code client}. */
    public static void failed(InetAddress client, LoginAttempt attempt, LoginFailure reason) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(client, attempt, reason));
        }
    }

    /** The line's text. */
    static String line(InetAddress client, LoginAttempt attempt, LoginFailure reason) {
        String user = attempt.user().map(FailedLoginLog::sanitised).orElse("");
        return "login failed: reason=" + reason.label() + ", method=" + sanitised(attempt.method()) + ", rip="
                + AddressText.of(client) + ", user=<" + user + ">";
    }

    /** {@code text} made safe for the line and bounded, as described above. */
    static String sanitised(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_USER_CHARACTERS) + 8);
        int count = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (count++ == MAX_USER_CHARACTERS) {
                return out.append("...").toString();
            }
            int c = text.codePointAt(i);
            if (Character.isLetterOrDigit(c) || (c < 0x80 && KEPT_PUNCTUATION.indexOf(c) >= 0)) {
                out.appendCodePoint(c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }
}
