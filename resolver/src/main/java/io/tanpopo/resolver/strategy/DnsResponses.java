package io.tanpopo.resolver.strategy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Interprets DNS responses, which are untrusted input: only the first {@link #MAX_RECORDS}
 * answer records are looked at, CNAME chains (RFC 2317 classless delegation) are followed at most
 * {@link #MAX_CNAME_HOPS} times, records of other types or owners are ignored, names are
 * validated.
 */
final class DnsResponses {

    static final int MAX_RECORDS = 32;
    static final int MAX_CNAME_HOPS = 8;

    private DnsResponses() {}

    /** The strategy answer for a PTR response; {@code where} names the server. */
    static StrategyAnswer ptr(Message response, Name qname, String where) {
        int rcode = response.getRcode();
        String source = where + " " + Rcode.string(rcode);
        if (rcode == Rcode.NXDOMAIN) {
            return negative(response, source);
        }
        if (rcode != Rcode.NOERROR) {
            return StrategyAnswer.temporaryFailure(source); // SERVFAIL, REFUSED, ... (RFC 1035 §4.1.1)
        }
        Set<Name> owners = owners(response, qname);
        for (Record record : answers(response)) {
            if (record instanceof PTRRecord ptr && owners.contains(ptr.getName())) {
                String name = ptr.getTarget().toString(true);
                if (!HostNames.isValid(name)) {
                    return StrategyAnswer.noName(source + " PTR with invalid name", Duration.ZERO, Optional.empty());
                }
                return StrategyAnswer.named(name, source + " PTR", Duration.ofSeconds(ptr.getTTL()));
            }
        }
        return negative(response, source + " NODATA");
    }

    /** Whether a forward (A/AAAA) response contains {@code address}. */
    static boolean confirms(Message response, InetAddress address) {
        for (Record record : answers(response)) {
            InetAddress listed = record instanceof ARecord a
                    ? a.getAddress()
                    : record instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
            if (address.equals(listed)) {
                return true;
            }
        }
        return false;
    }

    /** A negative answer with the SOA of the authority section (RFC 2308 §3, §5). */
    static StrategyAnswer negative(Message response, String source) {
        Optional<NegativeSoa> soa = response.getSection(Section.AUTHORITY).stream()
                .limit(MAX_RECORDS)
                .filter(SOARecord.class::isInstance)
                .map(SOARecord.class::cast)
                .findFirst()
                .map(DnsResponses::toSoa);
        String detail = soa.map(s -> source + ", " + s).orElse(source);
        // Without an SOA a negative answer should not be cached (RFC 2308 §5): TTL zero.
        return StrategyAnswer.noName(detail, soa.map(NegativeSoa::negativeTtl).orElse(Duration.ZERO), soa);
    }

    static NegativeSoa toSoa(SOARecord soa) {
        long seconds = Math.min(soa.getTTL(), soa.getMinimum());
        return new NegativeSoa(
                soa.getName().toString(true),
                soa.getHost().toString(true),
                soa.getAdmin().toString(true),
                Duration.ofSeconds(Math.max(0, seconds)));
    }

    private static Set<Name> owners(Message response, Name qname) {
        Set<Name> owners = new HashSet<>();
        owners.add(qname);
        for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
            boolean grew = false;
            for (Record record : answers(response)) {
                if (record instanceof CNAMERecord cname && owners.contains(cname.getName())) {
                    grew |= owners.add(cname.getTarget());
                }
            }
            if (!grew) {
                break;
            }
        }
        return owners;
    }

    private static List<Record> answers(Message response) {
        List<Record> all = response.getSection(Section.ANSWER);
        return new ArrayList<>(all.subList(0, Math.min(all.size(), MAX_RECORDS)));
    }
}
