package io.tanpopo.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration key tanpopo knows, in the order docs/configuration.md documents them. */
public final class ConfigKeys {

    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.of("pop3.bind", "address", "127.0.0.1", "Address to listen on for POP3"),
            ConfigKey.of(
                    "pop3.port",
                    "port",
                    "1110",
                    "POP3 port; 0 picks a free one (the log line 'listening on' shows it)"),
            ConfigKey.of(
                    "pop3.hostname", "host name", "localhost", "Name in the greeting and APOP stamp; never looked up"),
            ConfigKey.of(
                    "pop3.idle-timeout",
                    "duration",
                    "10m",
                    "Autologout after this long without a command (RFC 1939 asks for at least 10m)"),
            ConfigKey.of("pop3.max-bad-commands", "integer", "20", "Bad commands after which the connection is closed"),
            ConfigKey.of("pop3.max-line-length", "octets", "255", "Longest command line, CRLF included (RFC 2449)"),
            ConfigKey.of(
                    "pop3.login-delay",
                    "duration",
                    "",
                    "Minimum time between logins of one user; advertised as LOGIN-DELAY and enforced"),
            ConfigKey.of(
                    "pop3.expire", "NEVER or days", "", "Advertised as EXPIRE (tanpopo itself never expires mail)"),
            ConfigKey.of("pop3.worker-threads", "integer", "16", "Threads that run commands and backends"),
            ConfigKey.of(
                    "pop3.io-threads",
                    "integer",
                    "1",
                    "Network I/O threads (MINA processors) per listening port; commands run on the workers"),
            ConfigKey.secret(
                    "auth.users",
                    "user:password list",
                    "",
                    "Static users with in-memory mailboxes, e.g. alice:secret,bob:pw"),
            ConfigKey.of(
                    "auth.failure-delay",
                    "duration",
                    "1s",
                    "Delay before answering a failed login; doubles per failure from one address"),
            ConfigKey.of("auth.failure-delay-max", "duration", "15s", "Cap of the failed-login delay"),
            ConfigKey.of(
                    "auth", "static, passwd-file or checkpassword", "static", "Which authenticator checks passwords"),
            ConfigKey.of(
                    "auth.threads",
                    "integer",
                    "8",
                    "Threads that check logins with passwd-file or checkpassword, apart from the command workers, so a slow backend never holds up RETR"),
            ConfigKey.of(
                    "auth.queue",
                    "integer",
                    "32",
                    "Logins that may wait for an auth thread; one more gets -ERR [SYS/TEMP] at once"),
            ConfigKey.of(
                    "auth.cleartext",
                    "loopback, always or never",
                    "loopback",
                    "Where USER/PASS and AUTH PLAIN/LOGIN are allowed without TLS (never: TLS only)"),
            ConfigKey.of(
                    "auth.passwd-file",
                    "path",
                    "",
                    "Password file (auth=passwd-file): lines user:{SCHEME}secret[:home], or Dovecot's passwd-file as it is"),
            ConfigKey.of(
                    "auth.passwd-file.recheck", "duration", "1s", "How often the password file is checked for changes"),
            ConfigKey.of("auth.passwd-file.max-size", "octets", "16777216", "Largest password file read"),
            ConfigKey.of(
                    "auth.checkpassword.command",
                    "program and arguments",
                    "",
                    "checkpassword program and its arguments, split at white space, never run through a shell (auth=checkpassword)"),
            ConfigKey.of(
                    "auth.checkpassword.timeout",
                    "duration",
                    "10s",
                    "The program is killed (with its children) after this long"),
            ConfigKey.of("auth.checkpassword.max-processes", "integer", "8", "checkpassword programs running at once"),
            ConfigKey.of(
                    "auth.checkpassword.exit-codes",
                    "code=outcome list",
                    "",
                    "Extra exit statuses, e.g. 3=rejected (vchkpw); outcomes rejected, unavailable, failed"),
            ConfigKey.of(
                    "auth.checkpassword.path", "PATH", "/usr/local/bin:/usr/bin:/bin", "PATH the program runs with"),
            ConfigKey.of("store", "memory or maildir", "memory", "Where mail is kept"),
            ConfigKey.of(
                    "store.maildir.path",
                    "path template",
                    "",
                    "Maildir of a user, with {user} and/or {home}, e.g. /var/mail/{user}/Maildir or {home}/Maildir"),
            ConfigKey.of(
                    "store.maildir.uidl",
                    "filename, dovecot or courier",
                    "filename",
                    "UIDL style: qmail-pop3d's file names, Dovecot's (dovecot-uidlist) or Courier's (courierpop3dsizelist)"),
            ConfigKey.of(
                    "store.maildir.uidl-format",
                    "Dovecot pop3_uidl_format",
                    "%08Xu%08Xv",
                    "With uidl=dovecot: the old server's pop3_uidl_format (%u %v %f %g, modifiers like %08Xu); see docs/migration.md"),
            ConfigKey.of("store.maildir.seen-flag", "boolean", "false", "Add the S flag to retrieved messages at QUIT"),
            ConfigKey.of(
                    "store.maildir.lock",
                    "takeover, exclusive or off",
                    "takeover",
                    "A user's second login: ends the older session, which commits nothing (takeover), gets -ERR [IN-USE] (exclusive), or runs beside it (off); true/false: exclusive/off"),
            ConfigKey.of(
                    "store.maildir.size-cache-entries",
                    "integer",
                    "200000",
                    "Messages whose sizes (and maildir listings) are remembered in memory across sessions"),
            ConfigKey.of(
                    "store.maildir.follow-root-symlink",
                    "boolean",
                    "false",
                    "Serve a maildir that is itself a symbolic link (e.g. to another mount); off: refused, links inside are never followed"),
            ConfigKey.of(
                    "tls.enabled",
                    "boolean",
                    "true",
                    "Offer STLS; without tls.cert or tls.keystore a certificate is generated for the host name"),
            ConfigKey.of("tls.cert", "path", "", "PEM certificate chain, leaf first"),
            ConfigKey.of("tls.key", "path", "", "PEM private key (RSA or EC; PKCS#1, SEC1 or PKCS#8)"),
            ConfigKey.secret("tls.key-password", "password", "", "Password of an encrypted tls.key"),
            ConfigKey.of("tls.keystore", "path", "", "PKCS12 key store, instead of tls.cert and tls.key"),
            ConfigKey.secret("tls.keystore-password", "password", "", "Password of tls.keystore"),
            ConfigKey.of("tls.handshake-timeout", "duration", "30s", "A TLS handshake that takes longer is closed"),
            ConfigKey.of(
                    "pop3s.port",
                    "port",
                    "",
                    "Implicit TLS (POP3S, RFC 8314) port; 0 picks a free one; off when unset"),
            // Client names and access rules: ResolverWiring reads these.
            ConfigKey.of(
                    "resolver.strategies",
                    "list",
                    "hosts,local-ptr,dns",
                    "Client name strategies in order (hosts, local-ptr, dns), or none; the greeting never waits for them"),
            ConfigKey.of(
                    "resolver.hosts-file",
                    "path",
                    "/etc/hosts",
                    "Hosts file of the hosts strategy; re-read when it changes"),
            ConfigKey.of("resolver.hosts-recheck", "duration", "5s", "How often the hosts file is checked for changes"),
            ConfigKey.of(
                    "resolver.local-names",
                    "host name list",
                    "",
                    "Names of this machine's own addresses for local-ptr (pop3.hostname is added last)"),
            ConfigKey.of(
                    "resolver.pass-through",
                    "auto, none or CIDR list",
                    "auto",
                    "Private reverse zones local-ptr leaves to dns: auto learns in the background which ones the DNS servers really serve (docs/resolution.md); none answers all locally; or list them, e.g. 10.0.0.0/8"),
            ConfigKey.of(
                    "resolver.pass-through-recheck",
                    "duration",
                    "10m",
                    "How often pass-through=auto asks the DNS servers again about the private zones it learned"),
            ConfigKey.of(
                    "resolver.dns-servers",
                    "address[:port] list",
                    "",
                    "DNS servers of the dns strategy (IP literals); empty: the nameserver lines of resolver.resolv-conf"),
            ConfigKey.of(
                    "resolver.resolv-conf",
                    "path",
                    "/etc/resolv.conf",
                    "Where DNS servers come from when resolver.dns-servers is empty"),
            ConfigKey.of(
                    "resolver.deadline",
                    "duration",
                    "1s",
                    "Longest a lookup may take; a login or a host rule never waits longer for a name"),
            ConfigKey.of(
                    "resolver.forward-confirm",
                    "boolean",
                    "false",
                    "A DNS name counts only if it resolves back to the client's address"),
            ConfigKey.of(
                    "resolver.cache-size",
                    "integer",
                    "10000",
                    "Addresses whose outcome is remembered (least recently used dropped first)"),
            ConfigKey.of("resolver.cache-max-name-ttl", "duration", "1h", "Cap on how long a name is remembered"),
            ConfigKey.of(
                    "resolver.cache-max-negative-ttl", "duration", "15m", "Cap on how long 'no name' is remembered"),
            ConfigKey.of(
                    "resolver.cache-min-ttl",
                    "duration",
                    "30s",
                    "Floor for names and 'no name', so TTL 0 does not cost a query per login"),
            ConfigKey.of(
                    "resolver.cache-failure-ttl",
                    "duration",
                    "60s",
                    "How long a temporary failure is remembered: a dead DNS server costs one deadline per address per this"),
            ConfigKey.of(
                    "resolver.max-in-flight",
                    "integer",
                    "256",
                    "Most lookups at once; beyond, resolution is skipped rather than queued"),
            ConfigKey.of(
                    "access.rules",
                    "path",
                    "",
                    "tcprules-style access rules file (PATTERN:allow[,VAR=\"value\"] / PATTERN:deny); empty: everyone allowed"),
            ConfigKey.of(
                    "access.on-temporary-failure",
                    "no-match, deny or allow",
                    "no-match",
                    "What a =host rule does when the client's name lookup failed temporarily"),
            // Service: limits, shutdown, PROXY protocol, POP-before-SMTP, session log, metrics (README: Running as a
            // service).
            ConfigKey.of(
                    "limits.connections",
                    "integer",
                    "1000",
                    "Connections open at once; more get -ERR [SYS/TEMP] Too many connections; 0: no limit"),
            ConfigKey.of(
                    "limits.connections-per-ip",
                    "integer",
                    "50",
                    "Connections open at once from one client address, answered the same way; 0: no limit"),
            ConfigKey.of(
                    "limits.sessions-per-user",
                    "integer",
                    "0",
                    "Logged-in sessions of one user at once; one more login gets -ERR [IN-USE]; 0: no limit"),
            ConfigKey.of(
                    "limits.ipv6-prefix",
                    "integer",
                    "64",
                    "Leading bits of an IPv6 address that make one client for limits.connections-per-ip and the failed-login delay (1 to 128)"),
            ConfigKey.of(
                    "shutdown.grace",
                    "duration",
                    "10s",
                    "On stop, sessions in progress may finish (QUIT commits) for this long; the rest are closed and commit nothing"),
            ConfigKey.of(
                    "proxy.trusted",
                    "address or CIDR list",
                    "",
                    "Proxies (e.g. HAProxy send-proxy-v2) that must start each connection with a PROXY v1/v2 header; others may not send one"),
            ConfigKey.of(
                    "proxy.header-timeout",
                    "duration",
                    "5s",
                    "A trusted proxy's connection without a complete PROXY header by then is closed"),
            ConfigKey.of(
                    "pop-before-smtp.dir",
                    "path",
                    "",
                    "POP-before-SMTP: after each login a file named by the client IP is touched here (relay-ctrl style)"),
            ConfigKey.of(
                    "pop-before-smtp.command",
                    "program and arguments",
                    "",
                    "POP-before-SMTP: run after each login with the client IP as last argument and in TCPREMOTEIP; split at white space, no shell"),
            ConfigKey.of(
                    "pop-before-smtp.command-timeout",
                    "duration",
                    "10s",
                    "The POP-before-SMTP command is killed after this long"),
            ConfigKey.of(
                    "pop-before-smtp.expiry",
                    "duration",
                    "15m",
                    "Files in pop-before-smtp.dir older than this are removed"),
            ConfigKey.of(
                    "log.format",
                    "text or json",
                    "text",
                    "Format of the one summary line logged per session (logger tanpopo.session)"),
            ConfigKey.of(
                    "metrics.jmx",
                    "boolean",
                    "true",
                    "Register the MBean io.tanpopo:type=Pop3Server,name=<bind>_<port>"),
            ConfigKey.of("metrics.http.bind", "address", "127.0.0.1", "Address of the Prometheus endpoint /metrics"),
            ConfigKey.of(
                    "metrics.http.port",
                    "port",
                    "",
                    "Port of the Prometheus endpoint; off when unset; 0 picks a free one"));

    private ConfigKeys() {}

    public static List<ConfigKey> all() {
        return KEYS;
    }

    public static Optional<ConfigKey> find(String name) {
        return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return KEYS.stream().map(ConfigKey::name).toList();
    }

    /** The effective configuration: every key with its value or default, secrets masked. */
    public static Map<String, String> effective(ConfigFile file) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ConfigKey key : KEYS) {
            String value = file.get(key.name()).map(ConfigFile.Entry::value).orElse(key.defaultValue());
            shown.put(key.name(), key.secret() && !value.isEmpty() ? "********" : value);
        }
        return shown;
    }
}
