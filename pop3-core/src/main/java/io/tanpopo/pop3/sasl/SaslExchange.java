package io.tanpopo.pop3.sasl;

import io.tanpopo.auth.SecretResult;
import java.util.Optional;

/**
 * One authentication in progress. The driver (the {@code AUTH} command) calls:
 * <ol>
 *   <li>{@link #begin} once, with the initial response if {@code AUTH} carried one (RFC 5034 §4:
 *       {@code =} is an empty one);</li>
 *   <li>after each {@link SaslStep.Challenge}: sends {@code + base64(data)} and calls {@link #step}
 *       with the decoded answer ({@code *} cancels: the driver stops without calling);</li>
 *   <li>after {@link SaslStep.NeedSecret}: calls {@code Authenticator.secret(user)} and passes the
 *       result to {@link #secret}; the exchange wipes a found secret;</li>
 * </ol>
 * until a terminal step ({@link SaslStep.Authenticate}, {@link SaslStep.Success},
 * {@link SaslStep.Failure}), or {@link #cancel} when the client sends {@code *} or the exchange
 * ends otherwise. Not thread-safe; an exchange is used by one session.
 */
public interface SaslExchange {

    /** The first step, given the optional initial response. */
    SaslStep begin(Optional<byte[]> initialResponse);

    /** The next step after the client answered a challenge (already base64-decoded). */
    SaslStep step(byte[] response);

    /** The exchange ends before a terminal step: forget (wipe) anything secret it holds. */
    default void cancel() {}

    /** The next step after {@link SaslStep.NeedSecret}. */
    default SaslStep secret(SecretResult result) {
        throw new IllegalStateException("this exchange did not ask for a secret");
    }
}
