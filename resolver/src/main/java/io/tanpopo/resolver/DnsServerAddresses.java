package io.tanpopo.resolver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Address;

/**
 * Where the DNS servers come from: explicit {@code host[:port]} literals, or the {@code nameserver}
 * lines of a resolv.conf(5) file (at most three, like glibc's MAXNS; 127.0.0.1 when none).
 */
public final class DnsServerAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(DnsServerAddresses.class);
    private static final int DNS_PORT = 53;
    private static final int MAX_NAMESERVERS = 3;
    private static final int MAX_RESOLV_CONF = 64 * 1024;

    private DnsServerAddresses() {}

    /** The configured servers, or those of the resolv.conf file. */
    public static List<InetSocketAddress> of(ResolverConfig config) {
        return config.dnsServers().isEmpty() ? fromResolvConf(config.resolvConf()) : config.dnsServers();
    }

    /** The {@code nameserver} lines of {@code file}; 127.0.0.1:53 if there are none. */
    public static List<InetSocketAddress> fromResolvConf(Path file) {
        List<InetSocketAddress> servers = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_RESOLV_CONF), StandardCharsets.UTF_8);
            for (String line : text.split("\r?\n")) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 2 && fields[0].equals("nameserver") && servers.size() < MAX_NAMESERVERS) {
                    addLiteral(servers, fields[1], file);
                }
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot read ({}), using 127.0.0.1", file, e.toString());
        }
        if (servers.isEmpty()) {
            servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT));
        }
        return List.copyOf(servers);
    }

    private static void addLiteral(List<InetSocketAddress> servers, String literal, Path file) {
        try {
            servers.add(new InetSocketAddress(Address.getByAddress(literal), DNS_PORT));
        } catch (UnknownHostException e) {
            LOG.warn("{}: nameserver '{}' is not an address, skipped", file, literal);
        }
    }

    /** Parses {@code a.b.c.d[:port]}, {@code [v6][:port]} or a bare IPv6 literal. */
    static InetSocketAddress parse(String key, String item) {
        String text = item.strip();
        String host = text;
        int port = DNS_PORT;
        try {
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                host = text.substring(1, close);
                port = close + 1 < text.length() ? Integer.parseInt(text.substring(close + 2)) : DNS_PORT;
            } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
                host = text.substring(0, text.indexOf(':'));
                port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
            }
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("port out of range");
            }
            return new InetSocketAddress(Address.getByAddress(host), port);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException(
                    key + ": '" + item + "' is not an IP address with optional :port (names are not allowed)", e);
        }
    }
}
