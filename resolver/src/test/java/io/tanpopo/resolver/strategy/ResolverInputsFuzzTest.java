package io.tanpopo.resolver.strategy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.WireParseException;

/**
 * What the resolver reads from outside: a hosts file and DNS responses. Whatever they hold, the
 * strategies give one of their three outcomes and never throw; a name they give is a valid host
 * name and a TTL is never negative. In this package because the parser and the answer
 * interpretation ({@link DnsResponses#ptr}, the method {@link DnsStrategy} feeds every response
 * through) are package-private. Regression inputs:
 * {@code src/test/resources/io/tanpopo/resolver/strategy/ResolverInputsFuzzTestInputs/}.
 */
class ResolverInputsFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void hostsFile(@NotNull byte[] content) {
        Map<InetAddress, HostsFileParser.Entry> index =
                new HostsFileParser("fuzz-hosts").parse(new String(content, StandardCharsets.UTF_8));
        index.forEach((address, entry) -> {
            if (!HostNames.isValid(entry.name()) || entry.line() < 1) {
                throw new AssertionError("indexed a bad entry: " + address + " " + entry);
            }
        });
    }

    /** A response from fuzzed bytes, interpreted for a PTR query of a fuzzed address. */
    @FuzzTest(maxDuration = "15s")
    void dnsAnswer(FuzzedDataProvider data) throws IOException {
        byte[] address = data.consumeBytes(data.consumeBoolean() ? 4 : 16);
        if (address.length != 4 && address.length != 16) {
            return;
        }
        Name qname = ReverseMap.fromAddress(address);
        Message response;
        try {
            response = new Message(data.consumeRemainingAsBytes());
        } catch (WireParseException | IllegalArgumentException malformed) {
            // dnsjava refuses the bytes before tanpopo sees them (IllegalArgumentException: e.g. a TTL
            // over 2^31-1, InvalidTTLException); DnsStrategy.send's handle() turns any failed
            // exchange into a temporary failure.
            return;
        }
        check(DnsResponses.ptr(response, qname, "fuzz"));
        DnsResponses.confirms(response, InetAddress.getByAddress(address));
    }

    private static void check(StrategyAnswer answer) {
        if (answer.ttl().isNegative() || answer.ttl().compareTo(Duration.ofSeconds(1L << 32)) > 0) {
            throw new AssertionError("TTL out of range: " + answer);
        }
        answer.name().ifPresent(name -> {
            if (!HostNames.isValid(name)) {
                throw new AssertionError("an invalid name was accepted: " + answer);
            }
        });
        if (answer.kind() == StrategyAnswer.Kind.NAME && answer.name().isEmpty()) {
            throw new AssertionError("a NAME answer without a name: " + answer);
        }
    }
}
