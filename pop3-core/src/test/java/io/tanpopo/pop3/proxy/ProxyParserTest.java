package io.tanpopo.pop3.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.strategy.Cidr;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyParserTest {

    @Test
    void v1Tcp4_givesBothAddresses_andLeavesTheRestUnread() {
        ByteBuffer in = ascii("PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\r\nCAPA\r\n");
        ProxyParser.Result result = new ProxyParser().feed(in);
        assertThat(result)
                .isEqualTo(new ProxyParser.Result.Done(ProxyHeader.of(
                        new InetSocketAddress("192.0.2.7", 40000), new InetSocketAddress("198.51.100.1", 110))));
        assertThat(StandardCharsets.US_ASCII.decode(in).toString()).isEqualTo("CAPA\r\n");
    }

    @Test
    void v1Tcp6_andUnknown() {
        assertThat(done("PROXY TCP6 2001:db8::7 2001:db8::1 1234 110\r\n").source())
                .contains(new InetSocketAddress("2001:db8::7", 1234));
        assertThat(done("PROXY UNKNOWN ffff:f...f:ffff 1 2\r\n")).isEqualTo(ProxyHeader.unknown());
    }

    @Test
    void v1_arrivingOneByteAtATime_isTheSame() {
        ProxyParser parser = new ProxyParser();
        byte[] bytes = "PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\r\n".getBytes(StandardCharsets.US_ASCII);
        ProxyParser.Result result = null;
        for (byte b : bytes) {
            result = parser.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(result).isInstanceOf(ProxyParser.Result.Done.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\n",
                "PROXY TCP4 192.0.2.777 198.51.100.1 40000 110\r\n",
                "PROXY TCP4 example.org 198.51.100.1 40000 110\r\n",
                "PROXY TCP4 192.0.2.7 198.51.100.1 70000 110\r\n",
                "PROXY TCP4 192.0.2.7 198.51.100.1 040 110\r\n",
                "PROXY TCP4 192.0.2.7  198.51.100.1 40 110\r\n",
                "PROXY TCP6 192.0.2.7 198.51.100.1 40 110\r\n",
                "PROXY UDP4 192.0.2.7 198.51.100.1 40 110\r\n",
                "USER alice\r\n",
                "\r\n\r\nX"
            })
    void malformedV1_isInvalid(String header) {
        assertThat(new ProxyParser().feed(ascii(header))).isInstanceOf(ProxyParser.Result.Invalid.class);
    }

    @Test
    void v1LongerThan107Octets_isInvalidWithoutWaitingForTheLineEnd() {
        String longLine = "PROXY UNKNOWN " + "x".repeat(200);
        assertThat(new ProxyParser().feed(ascii(longLine))).isInstanceOf(ProxyParser.Result.Invalid.class);
    }

    @Test
    void v2Tcp4_givesBothAddresses() {
        byte[] header =
                v2(0x21, 0x11, new byte[] {(byte) 192, 0, 2, 7, (byte) 198, 51, 100, 1, (byte) 0x9c, 0x40, 0, 110});
        ProxyParser.Result result = new ProxyParser().feed(ByteBuffer.wrap(header));
        assertThat(result)
                .isEqualTo(new ProxyParser.Result.Done(ProxyHeader.of(
                        new InetSocketAddress("192.0.2.7", 40000), new InetSocketAddress("198.51.100.1", 110))));
    }

    @Test
    void v2Local_andUnspec_keepTheRealAddresses() {
        assertThat(new ProxyParser().feed(ByteBuffer.wrap(v2(0x20, 0x00, new byte[0]))))
                .isEqualTo(new ProxyParser.Result.Done(ProxyHeader.unknown()));
        assertThat(new ProxyParser().feed(ByteBuffer.wrap(v2(0x21, 0x00, new byte[0]))))
                .isEqualTo(new ProxyParser.Result.Done(ProxyHeader.unknown()));
    }

    @Test
    void v2_badVersion_shortAddresses_orTooLong_areInvalid() {
        assertThat(new ProxyParser().feed(ByteBuffer.wrap(v2(0x11, 0x11, new byte[12]))))
                .isInstanceOf(ProxyParser.Result.Invalid.class);
        assertThat(new ProxyParser().feed(ByteBuffer.wrap(v2(0x21, 0x11, new byte[5]))))
                .isInstanceOf(ProxyParser.Result.Invalid.class);
        assertThat(new ProxyParser().feed(ByteBuffer.wrap(v2(0x21, 0x21, new byte[ProxyParser.MAX_V2_LENGTH + 1]))))
                .isInstanceOf(ProxyParser.Result.Invalid.class);
    }

    @Test
    void v2_incomplete_needsMore() {
        byte[] header = v2(0x21, 0x11, new byte[12]);
        ByteBuffer half = ByteBuffer.wrap(header, 0, 20);
        assertThat(new ProxyParser().feed(half)).isInstanceOf(ProxyParser.Result.NeedMore.class);
    }

    @Test
    void looksLikeHeader_recognisesBothVersionsOnly() {
        assertThat(ProxyParser.looksLikeHeader(ascii("PROXY TCP4"))).isTrue();
        assertThat(ProxyParser.looksLikeHeader(ByteBuffer.wrap(ProxyParser.V2_SIGNATURE)))
                .isTrue();
        assertThat(ProxyParser.looksLikeHeader(ascii("CAPA\r\n"))).isFalse();
        assertThat(ProxyParser.looksLikeHeader(ascii(""))).isFalse();
    }

    @Test
    void addressBlocks_matchAddressesAndPrefixes() {
        Cidr block = Cidr.parseAddressOrBlock("10.0.0.0/8");
        assertThat(block.contains(AddressLiterals.ipv4("10.1.2.3").orElseThrow()))
                .isTrue();
        assertThat(block.contains(AddressLiterals.ipv4("11.1.2.3").orElseThrow()))
                .isFalse();
        assertThat(Cidr.parseAddressOrBlock("127.0.0.1")
                        .contains(AddressLiterals.ipv4("127.0.0.1").orElseThrow()))
                .isTrue();
        assertThat(Cidr.parseAddressOrBlock("fd00::/8")
                        .contains(AddressLiterals.ipv6("fd12::1").orElseThrow()))
                .isTrue();
    }

    static byte[] v2(int versionCommand, int family, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ProxyParser.V2_SIGNATURE);
        out.write(versionCommand);
        out.write(family);
        out.write(body.length >> 8);
        out.write(body.length & 0xff);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static ProxyHeader done(String header) {
        return ((ProxyParser.Result.Done) new ProxyParser().feed(ascii(header))).header();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
