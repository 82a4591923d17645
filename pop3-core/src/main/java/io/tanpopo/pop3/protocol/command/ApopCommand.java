package io.tanpopo.pop3.protocol.command;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.SecretResult;
import io.tanpopo.pop3.login.LoginAttempt;
import io.tanpopo.pop3.login.UserNames;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * APOP name digest (RFC 1939 §7): the digest is MD5 of the greeting's stamp followed by the shared
 * secret, in lower-case hex. Needs an authenticator that can give the secret; compared in constant
 * time, and an unknown user costs the same work as a wrong digest.
 */
public final class ApopCommand implements Command {

    private final Authenticator authenticator;
    private final LoginService login;

    public ApopCommand(Authenticator authenticator, LoginService login) {
        this.authenticator = authenticator;
        this.login = login;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != 2
                || !UserNames.isAcceptable(line.argument(0))
                || !line.argument(1).matches("[0-9a-fA-F]{32}")) {
            return Reply.err("Syntax: APOP name digest");
        }
        LoginAttempt attempt = LoginAttempt.of("APOP", line.argument(0));
        if (!authenticator.providesSecrets()) {
            return login.complete(session, attempt, AuthResult.rejected());
        }
        SecretResult secret = authenticator.secret(line.argument(0));
        if (secret instanceof SecretResult.Unavailable unavailable) {
            return login.complete(session, attempt, new AuthResult.Unavailable(unavailable.reason()));
        }
        byte[] key = secret instanceof SecretResult.Found found ? found.secret() : new byte[16];
        try {
            byte[] expected = digest(session.apopStamp(), key);
            byte[] given = HexFormat.of().parseHex(line.argument(1).toLowerCase(Locale.ROOT));
            boolean match = MessageDigest.isEqual(expected, given);
            return login.complete(
                    session,
                    attempt,
                    match && secret instanceof SecretResult.Found found
                            ? AuthResult.accepted(found.account())
                            : AuthResult.rejected());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] digest(String stamp, byte[] secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(stamp.getBytes(StandardCharsets.US_ASCII));
            return md5.digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
