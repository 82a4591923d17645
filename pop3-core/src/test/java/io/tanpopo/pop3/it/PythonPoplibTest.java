package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's standard {@code poplib} against a real server. The script prints one {@code key=value}
 * per line (binary values in base64), which keeps the Java side free of a JSON parser.
 */
@RequiresProgram(value = "python3", debianPackage = "python3")
class PythonPoplibTest {

    private static final String SCRIPT = """
            import base64, poplib, sys
            port = int(sys.argv[1])
            def out(key, value):
                if isinstance(value, bytes):
                    value = base64.b64encode(value).decode()
                print(f"{key}={value}", flush=True)
            p = poplib.POP3('127.0.0.1', port, timeout=10)
            out('welcome', p.getwelcome())
            caps = p.capa()
            out('capa', ' '.join(sorted(caps)))
            out('user', p.user('alice'))
            out('pass', p.pass_('secret'))
            count, size = p.stat()
            out('stat', f"{count} {size}")
            resp, lines, octets = p.list()
            out('list', ' '.join(l.decode() for l in lines))
            resp, lines, octets = p.uidl()
            out('uidl', ' '.join(l.decode() for l in lines))
            for n in range(1, count + 1):
                resp, lines, octets = p.retr(n)
                out(f'retr{n}', b''.join(l + b'\\r\\n' for l in lines))
                out(f'retr{n}.octets', octets)
                resp, lines, octets = p.top(n, 0)
                out(f'top{n}', b''.join(l + b'\\r\\n' for l in lines))
            out('dele', p.dele(1))
            count, size = p.stat()
            out('stat.afterdele', f"{count} {size}")
            try:
                p.retr(1)
                out('retr.deleted', 'no error')
            except poplib.error_proto as e:
                out('retr.deleted', e.args[0])
            out('rset', p.rset())
            count, size = p.stat()
            out('stat.afterrset', f"{count} {size}")
            out('quit', p.quit())
            a = poplib.POP3('127.0.0.1', port, timeout=10)
            for attempt in range(200):
                try:
                    out('apop', a.apop('alice', 'secret'))
                    break
                except poplib.error_proto as e:
                    if b'[IN-USE]' not in e.args[0]:
                        raise
                    a.close()
                    a = poplib.POP3('127.0.0.1', port, timeout=10)
            out('apop.stat', ' '.join(str(v) for v in a.stat()))
            out('apop.dele', a.dele(2))
            out('apop.quit', a.quit())
            b = poplib.POP3('127.0.0.1', port, timeout=10)
            try:
                b.apop('alice', 'wrong')
                out('apop.wrong', 'accepted')
            except poplib.error_proto as e:
                out('apop.wrong', e.args[0])
            b.quit()
            """;

    @TempDir
    Path dir;

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private List<String> uids;

    @BeforeEach
    void start() {
        server = mail.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO).start();
        uids = SeedMessages.seed(mail.mailbox("alice"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void poplibSession_everyCommandAnswersAsRfc1939Says() throws Exception {
        Path script = dir.resolve("session.py");
        Files.writeString(script, SCRIPT);
        ExternalClient.Result result =
                ExternalClient.run(dir, List.of("python3", script.toString(), String.valueOf(server.port())));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, String> out =
                result.out().lines().map(l -> l.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));

        long total = SeedMessages.ALL.stream().mapToLong(SeedMessages::size).sum();
        assertThat(text(out.get("welcome"))).matches("\\+OK .*<[0-9]+\\.[0-9.]+@[^>]+>");
        assertThat(out.get("capa").split(" "))
                .contains("TOP", "USER", "UIDL", "RESP-CODES", "PIPELINING", "IMPLEMENTATION");
        assertThat(text(out.get("pass"))).startsWith("+OK");
        assertThat(out.get("stat")).isEqualTo("3 " + total);
        assertThat(out.get("list")).isEqualTo("1 " + size(0) + " 2 " + size(1) + " 3 " + size(2));
        assertThat(out.get("uidl")).isEqualTo("1 " + uids.get(0) + " 2 " + uids.get(1) + " 3 " + uids.get(2));
        for (int i = 0; i < 3; i++) {
            byte[] stored = SeedMessages.ALL.get(i);
            assertThat(bytes(out.get("retr" + (i + 1)))).as("RETR %d", i + 1).isEqualTo(SeedMessages.crlf(stored));
            assertThat(Long.parseLong(out.get("retr" + (i + 1) + ".octets"))).isEqualTo(size(i));
            assertThat(bytes(out.get("top" + (i + 1)))).as("TOP %d 0", i + 1).isEqualTo(SeedMessages.header(stored));
        }
        assertThat(out.get("stat.afterdele")).isEqualTo("2 " + (total - size(0)));
        assertThat(text(out.get("retr.deleted"))).isEqualTo("-ERR Message 1 already deleted");
        assertThat(out.get("stat.afterrset")).isEqualTo("3 " + total);
        assertThat(text(out.get("quit"))).startsWith("+OK");
        assertThat(text(out.get("apop"))).startsWith("+OK");
        assertThat(out.get("apop.stat")).isEqualTo("3 " + total);
        assertThat(text(out.get("apop.quit"))).isEqualTo("+OK Logging out, 1 messages deleted");
        assertThat(text(out.get("apop.wrong"))).isEqualTo("-ERR [AUTH] Authentication failed");
        assertThat(mail.mailbox("alice").messages()).extracting(m -> m.uid()).containsExactly(uids.get(0), uids.get(2));
    }

    private static long size(int index) {
        return SeedMessages.size(SeedMessages.ALL.get(index));
    }

    private static byte[] bytes(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static String text(String base64) {
        return new String(bytes(base64), StandardCharsets.UTF_8);
    }
}
