package io.tanpopo.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key tanpopo knows, in the order docs/configuration.md documents them: one
 * line each in {@link #TABLE}, {@code name | type | default | description}, and {@code | secret}
 * after a key whose value {@code check-config} masks; an empty default is none. A line starting
 * with {@code #} heads a group. {@code tools/update-config-keys.py} makes the documentation's
 * table from these lines.
 */
public final class ConfigKeys {

    private static final String TABLE = """
            # POP3 and its threads
            pop3.bind | address | 127.0.0.1 | Address to listen on for POP3
            pop3.port | port | 1110 | POP3 port; 0 picks a free one (the log line 'listening on' shows it)
            pop3.hostname | host name | localhost | Name in the greeting and APOP stamp; never looked up
            pop3.idle-timeout | duration | 10m | Autologout after this long without a command (RFC 1939 asks for at least 10m)
            pop3.max-bad-commands | integer | 20 | Bad commands after which the connection is closed
            pop3.max-line-length | octets | 255 | Longest command line, CRLF included (RFC 2449)
            pop3.login-delay | duration | | Minimum time between logins of one user; advertised as LOGIN-DELAY and enforced
            pop3.expire | NEVER or days | | Advertised as EXPIRE (tanpopo itself never expires mail)
            pop3.worker-threads | integer | 16 | Threads that run commands and backends
            pop3.io-threads | integer | 1 | Network I/O threads (MINA processors) per listening port; commands run on the workers
            # Logins
            auth.users | user:password list | | Static users with in-memory mailboxes, e.g. alice:secret,bob:pw | secret
            auth.failure-delay | duration | 1s | Delay before answering a failed login; doubles per failure from one address
            auth.failure-delay-max | duration | 15s | Cap of the failed-login delay
            auth | static, passwd-file, checkpassword or sql | static | Which authenticator checks passwords
            auth.threads | integer | 8 | Threads that check logins with passwd-file, checkpassword or sql, apart from the command workers, so a slow backend never holds up RETR
            auth.queue | integer | 32 | Logins that may wait for an auth thread; one more gets -ERR [SYS/TEMP] at once
            auth.cleartext | loopback, always or never | loopback | Where USER/PASS and AUTH PLAIN/LOGIN are allowed without TLS (never: TLS only)
            auth.passwd-file | path | | Password file (auth=passwd-file): lines user:{SCHEME}secret[:home], or Dovecot's passwd-file as it is
            auth.passwd-file.recheck | duration | 1s | How often the password file is checked for changes
            auth.passwd-file.max-size | octets | 16777216 | Largest password file read
            auth.checkpassword.command | program and arguments | | checkpassword program and its arguments, split at white space, never run through a shell (auth=checkpassword)
            auth.checkpassword.timeout | duration | 10s | The program is killed (with its children) after this long
            auth.checkpassword.max-processes | integer | 8 | checkpassword programs running at once
            auth.checkpassword.exit-codes | code=outcome list | | Extra exit statuses, e.g. 3=rejected (vchkpw); outcomes rejected, unavailable, failed
            auth.checkpassword.path | PATH | /usr/local/bin:/usr/bin:/bin | PATH the program runs with
            auth.sql.url | JDBC URL | | Database of auth=sql: jdbc:postgresql://host/db or jdbc:mariadb://host/db (drivers included); shown without credentials
            auth.sql.username | name | | Database user of auth=sql
            auth.sql.password | password | | Password of auth.sql.username | secret
            auth.sql.password-query | SQL | | Query of auth=sql: the user name as :user (bound, never spliced), at most one row with a password column ({SCHEME}hash) and optionally home or maildir; see docs/sql.md
            auth.sql.user-query | SQL | | Optional query run after a right password, with :user, for the home or maildir column
            auth.sql.default-scheme | scheme | CRYPT | Scheme of passwords stored without {SCHEME}: CRYPT ($6$, $2y$ or $1$ strings), MD5-CRYPT, SHA512-CRYPT, BLF-CRYPT, ARGON2ID or PLAIN
            auth.sql.pool-size | integer | 8 | Database connections open at most
            auth.sql.timeout | duration | 5s | Longest a login waits for the database, connecting included; then -ERR [SYS/TEMP]
            # Mail store
            store | memory or maildir | memory | Where mail is kept
            store.maildir.path | path template | | Maildir of a user, with {user} and/or {home}, e.g. /var/mail/{user}/Maildir or {home}/Maildir
            store.maildir.uidl | filename, dovecot or courier | filename | UIDL style: qmail-pop3d's file names, Dovecot's (dovecot-uidlist) or Courier's (courierpop3dsizelist)
            store.maildir.uidl-format | Dovecot pop3_uidl_format | %08Xu%08Xv | With uidl=dovecot: the old server's pop3_uidl_format (%u %v %f %g, modifiers like %08Xu); see docs/migration.md
            store.maildir.seen-flag | boolean | false | Add the S flag to retrieved messages at QUIT
            store.maildir.lock | takeover, exclusive or off | takeover | A user's second login: ends the older session, which commits nothing (takeover), gets -ERR [IN-USE] (exclusive), or runs beside it (off); true/false: exclusive/off
            store.maildir.size-cache-entries | integer | 200000 | Messages whose sizes (and maildir listings) are remembered in memory across sessions
            store.maildir.follow-root-symlink | boolean | false | Serve a maildir that is itself a symbolic link (e.g. to another mount); off: refused, links inside are never followed
            # TLS
            tls.enabled | boolean | true | Offer STLS; without tls.cert or tls.keystore a certificate is generated for the host name
            tls.cert | path | | PEM certificate chain, leaf first
            tls.key | path | | PEM private key (RSA or EC; PKCS#1, SEC1 or PKCS#8)
            tls.key-password | password | | Password of an encrypted tls.key | secret
            tls.keystore | path | | PKCS12 key store, instead of tls.cert and tls.key
            tls.keystore-password | password | | Password of tls.keystore | secret
            tls.handshake-timeout | duration | 30s | A TLS handshake that takes longer is closed
            pop3s.port | port | | Implicit TLS (POP3S, RFC 8314) port; 0 picks a free one; off when unset
            # Client names and access rules: ResolverWiring reads these.
            resolver.strategies | list | hosts,local-ptr,dns | Client name strategies in order (hosts, local-ptr, dns), or none; the greeting never waits for them
            resolver.hosts-file | path | /etc/hosts | Hosts file of the hosts strategy; re-read when it changes
            resolver.hosts-recheck | duration | 5s | How often the hosts file is checked for changes
            resolver.local-names | host name list | | Names of this machine's own addresses for local-ptr (pop3.hostname is added last)
            resolver.pass-through | auto, none or CIDR list | auto | Private reverse zones local-ptr leaves to dns: auto learns in the background which ones the DNS servers really serve (docs/resolution.md); none answers all locally; or list them, e.g. 10.0.0.0/8
            resolver.pass-through-recheck | duration | 10m | How often pass-through=auto asks the DNS servers again about the private zones it learned
            resolver.dns-servers | address[:port] list | | DNS servers of the dns strategy (IP literals); empty: the nameserver lines of resolver.resolv-conf
            resolver.resolv-conf | path | /etc/resolv.conf | Where DNS servers come from when resolver.dns-servers is empty
            resolver.deadline | duration | 1s | Longest a lookup may take; a login or a host rule never waits longer for a name
            resolver.forward-confirm | boolean | false | A DNS name counts only if it resolves back to the client's address
            resolver.cache-size | integer | 10000 | Addresses whose outcome is remembered (least recently used dropped first)
            resolver.cache-max-name-ttl | duration | 1h | Cap on how long a name is remembered
            resolver.cache-max-negative-ttl | duration | 15m | Cap on how long 'no name' is remembered
            resolver.cache-min-ttl | duration | 30s | Floor for names and 'no name', so TTL 0 does not cost a query per login
            resolver.cache-failure-ttl | duration | 60s | How long a temporary failure is remembered: a dead DNS server costs one deadline per address per this
            resolver.max-in-flight | integer | 256 | Most lookups at once; beyond, resolution is skipped rather than queued
            access.rules | path | | tcprules-style access rules file (PATTERN:allow[,VAR="value"] / PATTERN:deny); empty: everyone allowed
            access.on-temporary-failure | no-match, deny or allow | no-match | What a =host rule does when the client's name lookup failed temporarily
            # Service: limits, shutdown, PROXY protocol, POP-before-SMTP, session log, metrics (README: Running as a service).
            limits.connections | integer | 1000 | Connections open at once; more get -ERR [SYS/TEMP] Too many connections; 0: no limit
            limits.connections-per-ip | integer | 50 | Connections open at once from one client address, answered the same way; 0: no limit
            limits.sessions-per-user | integer | 0 | Logged-in sessions of one user at once; one more login gets -ERR [IN-USE]; 0: no limit
            limits.ipv6-prefix | integer | 64 | Leading bits of an IPv6 address that make one client for limits.connections-per-ip and the failed-login delay (1 to 128)
            shutdown.grace | duration | 10s | On stop, sessions in progress may finish (QUIT commits) for this long; the rest are closed and commit nothing
            proxy.trusted | address or CIDR list | | Proxies (e.g. HAProxy send-proxy-v2) that must start each connection with a PROXY v1/v2 header; others may not send one
            proxy.header-timeout | duration | 5s | A trusted proxy's connection without a complete PROXY header by then is closed
            pop-before-smtp.dir | path | | POP-before-SMTP: after each login a file named by the client IP is touched here (relay-ctrl style)
            pop-before-smtp.command | program and arguments | | POP-before-SMTP: run after each login with the client IP as last argument and in TCPREMOTEIP; split at white space, no shell
            pop-before-smtp.command-timeout | duration | 10s | The POP-before-SMTP command is killed after this long
            pop-before-smtp.expiry | duration | 15m | Files in pop-before-smtp.dir older than this are removed
            log.format | text or json | text | Format of the one summary line logged per session (logger tanpopo.session)
            metrics.jmx | boolean | true | Register the MBean io.tanpopo:type=Pop3Server,name=<bind>_<port>
            metrics.http.bind | address | 127.0.0.1 | Address of the Prometheus endpoint /metrics
            metrics.http.port | port | | Port of the Prometheus endpoint; off when unset; 0 picks a free one
            """;

    private static final List<ConfigKey> KEYS = TABLE.lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .map(ConfigKeys::parse)
            .toList();

    private ConfigKeys() {}

    private static ConfigKey parse(String line) {
        String[] cells = line.split("\\|", -1);
        boolean secret = cells.length == 5 && cells[4].strip().equals("secret");
        if (cells.length != 4 && !secret) {
            throw new IllegalStateException("not a configuration key line: " + line);
        }
        return new ConfigKey(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(), secret);
    }

    public static List<ConfigKey> all() {
        return KEYS;
    }

    public static Optional<ConfigKey> find(String name) {
        return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return KEYS.stream().map(ConfigKey::name).toList();
    }

    private static String shown(ConfigKey key, String value) {
        if (key.secret() && !value.isEmpty()) {
            return "********";
        }
        return key.type().equals("JDBC URL") ? JdbcUrls.withoutCredentials(value) : value;
    }

    /** The effective configuration: every key with its value or default, secrets masked. */
    public static Map<String, String> effective(ConfigFile file) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ConfigKey key : KEYS) {
            String value = file.get(key.name()).map(ConfigFile.Entry::value).orElse(key.defaultValue());
            shown.put(key.name(), shown(key, value));
        }
        return shown;
    }
}
