package io.tanpopo.resolver.strategy;

import java.util.Optional;
import java.util.stream.Stream;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Reads a DNS server's answer to the SOA query for a private block (untrusted input: at most
 * {@link DnsResponses#MAX_RECORDS} records of each section are looked at, and only an SOA whose
 * owner encloses the block counts). The zone is served when the SOA's owner is a zone cut below
 * the RFC 6303 empty zone (the seed's {@code 0.0.10.in-addr.arpa}) or a real SOA of the empty zone
 * itself; an AS112 or empty-zone SOA, no SOA, or an SOA further up (the public
 * {@code in-addr.arpa}) means nobody here serves it.
 *
 * @param state  served, answered locally, or ask the next server
 * @param reason what the server said and what it means
 */
record SoaVerdict(State state, String reason) {

    /** What the answer means for the zone. */
    enum State {
        SERVED,
        LOCAL,
        TRY_NEXT
    }

    static SoaVerdict of(Message response, PrivateZone zone, String where) {
        int rcode = response.getRcode();
        String source = where + " " + Rcode.string(rcode);
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new SoaVerdict(State.TRY_NEXT, source + ": the server is failing or lame");
        }
        Optional<SOARecord> found = enclosingSoa(response, zone.probe());
        if (found.isEmpty()) {
            return local(source + " without an SOA for " + zone.name() + ": no zone of its own");
        }
        Name owner = found.get().getName();
        NegativeSoa soa = DnsResponses.toSoa(found.get());
        String seen = source + ", SOA " + soa.zone() + " " + soa.mname() + " " + soa.rname();
        Name empty = zone.emptyZone();
        if (soa.isAs112()) {
            return local(seen + ": the AS112 sink, the zone leaks to the public DNS");
        }
        if (soa.isEmptyZone()) {
            return local(seen + ": an empty zone (RFC 6303) without records");
        }
        if (owner.subdomain(empty)) {
            String what = owner.equals(empty) ? "a real zone " : "a zone cut below ";
            return new SoaVerdict(State.SERVED, seen + ": " + what + empty.toString(true));
        }
        return local(seen + ": the SOA of " + owner.toString(true) + ", above " + empty.toString(true)
                + ", so no server here serves it");
    }

    private static SoaVerdict local(String reason) {
        return new SoaVerdict(State.LOCAL, reason);
    }

    /** The first SOA in the answer or authority section whose owner is the probe or encloses it. */
    private static Optional<SOARecord> enclosingSoa(Message response, Name probe) {
        return Stream.concat(
                        response.getSection(Section.ANSWER).stream().limit(DnsResponses.MAX_RECORDS),
                        response.getSection(Section.AUTHORITY).stream().limit(DnsResponses.MAX_RECORDS))
                .filter(SOARecord.class::isInstance)
                .map(SOARecord.class::cast)
                .filter(soa -> probe.subdomain(soa.getName()))
                .findFirst();
    }
}
