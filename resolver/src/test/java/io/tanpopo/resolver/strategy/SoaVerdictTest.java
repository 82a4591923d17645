package io.tanpopo.resolver.strategy;

import static io.tanpopo.resolver.strategy.PrivateZoneTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The SOA answers of the scenarios in docs/resolution.md, as the servers really send them. */
class SoaVerdictTest {

    private final PrivateZone zone = PrivateZone.of(ip("10.200.0.100")).orElseThrow();

    @Test
    void zoneCutBelowTheEmptyZone_isServed() {
        Message bind = answer(
                Rcode.NOERROR,
                Section.ANSWER,
                soa("0.200.10.in-addr.arpa.", "ns.lan.example.", "hostmaster.lan.example.", 1));
        SoaVerdict verdict = SoaVerdict.of(bind, zone, "10.200.0.53:53");
        assertThat(verdict.state()).isEqualTo(SoaVerdict.State.SERVED);
        assertThat(verdict.reason()).contains("a zone cut below 10.in-addr.arpa", "10.200.0.53:53 NOERROR");
    }

    @Test
    void realSoaOfTheWholeTenZone_isServed() {
        Message whole = answer(
                Rcode.NXDOMAIN,
                Section.AUTHORITY,
                soa("10.in-addr.arpa.", "ns1.corp.example.", "dns.corp.example.", 2024));
        assertThat(SoaVerdict.of(whole, zone, "s").state()).isEqualTo(SoaVerdict.State.SERVED);
    }

    @Test
    void bindBuiltInEmptyZone_isLocal() {
        // BIND 9.18: "10.IN-ADDR.ARPA. 0 IN SOA 10.IN-ADDR.ARPA. . 0 28800 7200 604800 86400"
        Message empty = answer(Rcode.NXDOMAIN, Section.AUTHORITY, soa("10.IN-ADDR.ARPA.", "10.IN-ADDR.ARPA.", ".", 0));
        SoaVerdict verdict = SoaVerdict.of(empty, zone, "s");
        assertThat(verdict.state()).isEqualTo(SoaVerdict.State.LOCAL);
        assertThat(verdict.reason()).contains("empty zone");
    }

    @Test
    void as112AndLocalhostStyleSoas_areLocal() {
        Message as112 = answer(
                Rcode.NXDOMAIN,
                Section.AUTHORITY,
                soa("10.in-addr.arpa.", "prisoner.iana.org.", "hostmaster.root-servers.org.", 1));
        Message newAs112 = answer(
                Rcode.NXDOMAIN,
                Section.AUTHORITY,
                soa("10.in-addr.arpa.", "blackhole.as112.arpa.", "noc.dns.icann.org.", 1));
        Message unbound =
                answer(Rcode.NXDOMAIN, Section.AUTHORITY, soa("10.in-addr.arpa.", "localhost.", "nobody.invalid.", 1));
        assertThat(SoaVerdict.of(as112, zone, "s").reason()).contains("AS112");
        assertThat(SoaVerdict.of(as112, zone, "s").state()).isEqualTo(SoaVerdict.State.LOCAL);
        assertThat(SoaVerdict.of(newAs112, zone, "s").state()).isEqualTo(SoaVerdict.State.LOCAL);
        assertThat(SoaVerdict.of(unbound, zone, "s").state()).isEqualTo(SoaVerdict.State.LOCAL);
    }

    @Test
    void noSoa_unrelatedSoa_orTheSoaOfInAddrArpa_areLocal() {
        Message bare = answer(Rcode.NXDOMAIN, Section.AUTHORITY, null);
        Message unrelated = answer(
                Rcode.NXDOMAIN, Section.AUTHORITY, soa("evil.example.", "ns.evil.example.", "x.evil.example.", 1));
        Message above = answer(
                Rcode.NXDOMAIN,
                Section.AUTHORITY,
                soa("in-addr.arpa.", "b.in-addr-servers.arpa.", "nstld.iana.org.", 1));
        assertThat(SoaVerdict.of(bare, zone, "s").state()).isEqualTo(SoaVerdict.State.LOCAL);
        assertThat(SoaVerdict.of(unrelated, zone, "s").state()).isEqualTo(SoaVerdict.State.LOCAL);
        assertThat(SoaVerdict.of(above, zone, "s").reason()).contains("above 10.in-addr.arpa");
    }

    @Test
    void servfailAndRefused_askTheNextServer() {
        assertThat(SoaVerdict.of(answer(Rcode.SERVFAIL, Section.ANSWER, null), zone, "s")
                        .state())
                .isEqualTo(SoaVerdict.State.TRY_NEXT);
        assertThat(SoaVerdict.of(answer(Rcode.REFUSED, Section.ANSWER, null), zone, "s")
                        .state())
                .isEqualTo(SoaVerdict.State.TRY_NEXT);
    }

    private Message answer(int rcode, int section, Record soa) {
        Message message = new Message();
        message.getHeader().setRcode(rcode);
        message.addRecord(Record.newRecord(zone.probe(), Type.SOA, DClass.IN), Section.QUESTION);
        if (soa != null) {
            message.addRecord(soa, section);
        }
        return message;
    }

    private static SOARecord soa(String owner, String mname, String rname, long serial) {
        return new SOARecord(
                Name.fromConstantString(owner),
                DClass.IN,
                0,
                Name.fromConstantString(mname),
                Name.fromConstantString(rname),
                serial,
                28800,
                7200,
                604800,
                86400);
    }
}
