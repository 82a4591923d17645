package io.tanpopo.resolver.diagnosis;

import io.tanpopo.resolver.AddressText;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How one DNS server answered the health query.
 *
 * @param server   the server asked
 * @param answered whether any response arrived in time
 * @param rcode    the response code ({@code NOERROR}, {@code NXDOMAIN}, ...), or {@code -}
 * @param latency  time until the response, or until giving up
 * @param detail   error text or a summary of the answer
 */
public record ServerCheckResult(
        InetSocketAddress server, boolean answered, String rcode, Duration latency, String detail) {

    /** One line: {@code 127.0.0.1:53  NOERROR  3 ms  ...}. */
    public String render() {
        return String.format(
                "%-40s %-9s %6d ms  %s",
                AddressText.of(server), answered ? rcode : "NO ANSWER", latency.toMillis(), detail);
    }
}
