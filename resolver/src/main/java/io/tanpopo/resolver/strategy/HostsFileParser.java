package io.tanpopo.resolver.strategy;

import io.tanpopo.resolver.MappedAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Address;

/**
 * Builds the reverse index of a hosts file (hosts(5)): address to the first name on the first
 * line that lists the address, which is what glibc's gethostbyaddr returns. Bad lines are skipped
 * and logged with their number; the file is untrusted input.
 */
final class HostsFileParser {

    /** A line longer than this is skipped: no legitimate hosts line comes close. */
    static final int MAX_LINE_LENGTH = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(HostsFileParser.class);

    private final String fileName;

    HostsFileParser(String fileName) {
        this.fileName = fileName;
    }

    /** An indexed name and the line it came from. */
    record Entry(String name, int line) {}

    Map<InetAddress, Entry> parse(String text) {
        Map<InetAddress, Entry> index = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], i + 1, index);
        }
        return Map.copyOf(index);
    }

    private void parseLine(String raw, int number, Map<InetAddress, Entry> index) {
        if (raw.length() > MAX_LINE_LENGTH) {
            LOG.warn("{}:{}: line longer than {} characters skipped", fileName, number, MAX_LINE_LENGTH);
            return;
        }
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) {
            return;
        }
        String[] fields = line.split("\\s+");
        if (fields.length < 2 || !HostNames.isValid(fields[1])) {
            LOG.warn("{}:{}: malformed line skipped (need an address and a valid name)", fileName, number);
            return;
        }
        try {
            // Address.getByAddress parses literals only: a hosts line must never cause a DNS query.
            InetAddress address = MappedAddresses.unmap(Address.getByAddress(fields[0]));
            index.putIfAbsent(address, new Entry(fields[1], number));
        } catch (UnknownHostException e) {
            LOG.warn("{}:{}: malformed address skipped", fileName, number);
        }
    }
}
