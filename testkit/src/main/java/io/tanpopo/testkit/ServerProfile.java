package io.tanpopo.testkit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * "The server our customer runs": greeting, optional commands and capabilities, UIDL style,
 * maildrop locking and known quirks of a real POP3 server, for testing a client against it.
 * Capabilities can be switched off one by one ({@link #without}); a disabled command is then
 * refused, not only hidden from CAPA.
 *
 * @param name the profile's name, e.g. {@code qmail}
 * @param protocol the greeting and the disabled commands and capabilities
 * @param uidStyle what generated UIDs look like
 * @param locksMaildrop whether a session locks its user's maildrop (RFC 1939 §8); as tanpopo does by
 *     default, a new login of the user then ends the older session, which commits nothing, and a
 *     {@linkplain Faults#holdLock held lock} answers {@code -ERR [IN-USE]}
 * @param knownQuirks the quirks the real server has (documented, not switched on)
 * @param quirks the quirks switched on
 */
public record ServerProfile(
        String name,
        ProtocolProfile protocol,
        UidStyle uidStyle,
        boolean locksMaildrop,
        Set<Quirk> knownQuirks,
        Set<Quirk> quirks) {

    public ServerProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(uidStyle, "uidStyle");
        knownQuirks = Set.copyOf(knownQuirks);
        quirks = Set.copyOf(quirks);
        if (name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank");
        }
    }

    /** tanpopo itself: every command and capability, RFC-exact sizes. */
    public static ServerProfile tanpopo() {
        return new ServerProfile("tanpopo", ProtocolProfile.standard(), UidStyle.TANPOPO, true, Set.of(), Set.of());
    }

    /**
     * Dovecot with its defaults: {@code +OK Dovecot ready.}, no APOP stamp, and none of
     * LOGIN-DELAY, EXPIRE, IMPLEMENTATION; {@code pop3_lock_session} is off by
     * default, so a second session is not refused.
     */
    public static ServerProfile dovecot() {
        return of(
                "dovecot",
                "Dovecot ready.",
                UidStyle.DOVECOT,
                false,
                Set.of(),
                "APOP",
                "LOGIN-DELAY",
                "EXPIRE",
                "IMPLEMENTATION");
    }

    /**
     * qmail-popup/qmail-pop3d: a greeting that is just the APOP stamp, no CAPA (so no response
     * codes either), maildir UIDs, no lock. Known quirks: STAT counts deleted messages, sizes are
     * LF file sizes.
     */
    public static ServerProfile qmail() {
        return of(
                "qmail",
                "{stamp}",
                UidStyle.MAILDIR,
                false,
                Set.of(Quirk.STAT_COUNTS_DELETED, Quirk.LF_SIZES),
                "CAPA",
                "RESP-CODES",
                "AUTH-RESP-CODE");
    }

    /** Courier pop3d: {@code +OK Hello there.}, no APOP, no response codes, maildir UIDs. */
    public static ServerProfile courier() {
        return of(
                "courier",
                "Hello there.",
                UidStyle.MAILDIR,
                true,
                Set.of(),
                "APOP",
                "RESP-CODES",
                "AUTH-RESP-CODE",
                "EXPIRE");
    }

    /**
     * Like Gmail's POP service: {@code +OK Gpop ready for requests}, {@code GmailId} UIDs, no
     * APOP or PIPELINING. Known quirk: retrieved messages are gone for later sessions.
     */
    public static ServerProfile gmailLike() {
        return of(
                "gmail-like",
                "Gpop ready for requests",
                UidStyle.GMAIL,
                true,
                Set.of(Quirk.RETRIEVED_GONE_AFTER_QUIT),
                "APOP",
                "PIPELINING",
                "AUTH-RESP-CODE",
                "IMPLEMENTATION");
    }

    /**
     * Only what RFC 1939 requires: no CAPA (RFC 2449), none of the optional APOP, TOP and UIDL;
     * USER and PASS stay as the one way to log in.
     */
    public static ServerProfile rfc1939Minimal() {
        return of(
                "rfc1939-minimal",
                "POP3 server ready",
                UidStyle.TANPOPO,
                true,
                Set.of(),
                "CAPA",
                "APOP",
                "TOP",
                "UIDL",
                "RESP-CODES",
                "AUTH-RESP-CODE");
    }

    /** The profile called {@code name} (as in {@code @Pop3Test(profile = "qmail")}). */
    public static ServerProfile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tanpopo" -> tanpopo();
            case "dovecot" -> dovecot();
            case "qmail" -> qmail();
            case "courier" -> courier();
            case "gmail-like" -> gmailLike();
            case "rfc1939-minimal" -> rfc1939Minimal();
            default ->
                throw new IllegalArgumentException("unknown server profile '" + name
                        + "'; known: tanpopo, dovecot, qmail, courier, gmail-like, rfc1939-minimal");
        };
    }

    /** The same profile without these commands or capabilities (GreenMail #453), e.g. TOP, UIDL, USER. */
    public ServerProfile without(String... names) {
        Set<String> disabled = new HashSet<>(protocol.disabled());
        disabled.addAll(Arrays.asList(names));
        return new ServerProfile(
                name, new ProtocolProfile(protocol.greeting(), disabled), uidStyle, locksMaildrop, knownQuirks, quirks);
    }

    /** The same profile with another greeting (after {@code +OK }; {@code {host}}, {@code {stamp}} replaced). */
    public ServerProfile withGreeting(String greeting) {
        return new ServerProfile(
                name, new ProtocolProfile(greeting, protocol.disabled()), uidStyle, locksMaildrop, knownQuirks, quirks);
    }

    /** The same profile with its known quirks switched on. */
    public ServerProfile withKnownQuirks() {
        return withQuirks(knownQuirks.toArray(Quirk[]::new));
    }

    /** The same profile with these quirks switched on as well. */
    public ServerProfile withQuirks(Quirk... more) {
        Set<Quirk> on = quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirks);
        on.addAll(Arrays.asList(more));
        return new ServerProfile(name, protocol, uidStyle, locksMaildrop, knownQuirks, on);
    }

    /** The same profile with another UIDL style. */
    public ServerProfile withUidStyle(UidStyle style) {
        return new ServerProfile(name, protocol, style, locksMaildrop, knownQuirks, quirks);
    }

    /** The same profile, locking maildrops or not. */
    public ServerProfile withMaildropLocking(boolean lock) {
        return new ServerProfile(name, protocol, uidStyle, lock, knownQuirks, quirks);
    }

    private static ServerProfile of(
            String name, String greeting, UidStyle style, boolean lock, Set<Quirk> known, String... disabled) {
        return new ServerProfile(name, new ProtocolProfile(greeting, Set.of(disabled)), style, lock, known, Set.of());
    }
}
