package io.tanpopo.resolver;

/**
 * The three outcomes of a client name lookup. Postfix taught the lesson that a temporary failure
 * must never be confused with an authoritative "no name" (RFC 2308 §2.1 NXDOMAIN versus RFC 1035
 * §4.1.1 SERVFAIL).
 */
public enum Outcome {
    /** The address has a name. */
    NAME,
    /** The address authoritatively has no name (NXDOMAIN, NODATA, a locally-served zone, disabled). */
    NO_NAME,
    /** The answer is unknown for now: timeout, SERVFAIL, REFUSED, deadline, overload. */
    TEMPORARY_FAILURE
}
