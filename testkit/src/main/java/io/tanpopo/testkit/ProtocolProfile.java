package io.tanpopo.testkit;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the server presents itself: the greeting, and which optional commands and capabilities
 * exist. A disabled name is both hidden from CAPA and refused as an unknown command, so a client
 * meets a server that really lacks it (RFC 1939 §7 makes APOP, TOP, UIDL, USER and PASS optional;
 * RFC 2449 adds CAPA and its capabilities). {@link #standard()} is tanpopo's own behaviour. The
 * kit puts it in force around every command (a {@code CommandInterceptor}).
 *
 * @param greeting the greeting after {@code +OK }, with {@code {host}} and {@code {stamp}} (the APOP
 *     stamp, RFC 1939 §7) replaced per session; without {@code {stamp}} disable APOP too
 * @param disabled command keywords and capability names (upper case) that do not exist, e.g.
 *     {@code TOP}, {@code UIDL}, {@code USER}, {@code CAPA}, {@code PIPELINING}, {@code IMPLEMENTATION}
 */
public record ProtocolProfile(String greeting, Set<String> disabled) {

    /** Commands that exist only with a capability of another name. */
    private static final Map<String, String> CAPABILITY_OF = Map.of("PASS", "USER", "AUTH", "SASL");

    private static final ProtocolProfile STANDARD = new ProtocolProfile("{host} POP3 server ready {stamp}", Set.of());

    public ProtocolProfile {
        Objects.requireNonNull(greeting, "greeting");
        if (greeting.indexOf('\r') >= 0 || greeting.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("greeting must be one line");
        }
        Set<String> upper = new HashSet<>();
        for (String name : disabled) {
            upper.add(name.toUpperCase(Locale.ROOT));
        }
        disabled = Set.copyOf(upper);
    }

    /** tanpopo's greeting and every command and capability it has. */
    public static ProtocolProfile standard() {
        return STANDARD;
    }

    /** The greeting after {@code +OK } of a server called {@code host}, in a session with APOP {@code stamp}. */
    public String greeting(String host, String stamp) {
        return greeting.replace("{host}", host).replace("{stamp}", stamp);
    }

    /** Whether the command {@code keyword} exists. */
    public boolean enables(String keyword) {
        String capability = CAPABILITY_OF.get(keyword);
        return !disabled.contains(keyword) && (capability == null || !disabled.contains(capability));
    }

    /** Whether the CAPA line {@code line} (e.g. {@code EXPIRE 30}) is listed. */
    public boolean advertises(String line) {
        int space = line.indexOf(' ');
        return !disabled.contains(space < 0 ? line : line.substring(0, space));
    }
}
