package io.tanpopo.pop3.sasl;

import java.time.Clock;
import java.util.Objects;

/**
 * What a mechanism may use besides the client's messages.
 *
 * @param serverName the configured host name (CRAM-MD5's challenge names it)
 * @param entropy nonces and salts
 * @param clock the time (CRAM-MD5's challenge carries it)
 */
public record SaslContext(String serverName, SaslEntropy entropy, Clock clock) {

    public SaslContext {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(entropy, "entropy");
        Objects.requireNonNull(clock, "clock");
    }
}
