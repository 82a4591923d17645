package io.tanpopo.testkit;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandInterceptor;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.pop3.protocol.ResponseCode;
import io.tanpopo.pop3.protocol.SessionState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongBinaryOperator;

/**
 * Makes the server look like a profile's server: its greeting, no disabled command (refused as
 * unknown) nor capability (left out of CAPA), no response codes when RESP-CODES or AUTH-RESP-CODE
 * is not advertised (RFC 2449 §8, RFC 3206 §3), and the switched-on quirks.
 */
final class ProfileInterceptor implements CommandInterceptor {

    private static final Set<ResponseCode> AUTH_CODES =
            Set.of(ResponseCode.AUTH, ResponseCode.SYS_TEMP, ResponseCode.SYS_PERM);

    private final ProtocolProfile protocol;
    private final Set<Quirk> quirks;

    ProfileInterceptor(ServerProfile profile) {
        this.protocol = profile.protocol();
        this.quirks = profile.quirks();
    }

    @Override
    public boolean offers(String keyword) {
        return protocol.enables(keyword);
    }

    @Override
    public String greeting(String host, String stamp) {
        return protocol.greeting(host, stamp);
    }

    @Override
    public Dispatcher.Outcome intercept(Pop3Session session, CommandLine line, Command command) {
        boolean transaction = session.state() == SessionState.TRANSACTION;
        if (transaction && line.keyword().equals("QUIT") && quirks.contains(Quirk.RETRIEVED_GONE_AFTER_QUIT)) {
            session.deleted().or(session.retrieved());
        }
        Reply reply = command.execute(session, line);
        if (line.keyword().equals("CAPA") && reply.body().orElse(null) instanceof ReplyBody.Lines capabilities) {
            reply = Reply.ok(
                    reply.text(),
                    capabilities.lines().stream().filter(protocol::advertises).toList());
        }
        if (transaction && reply.ok()) {
            reply = sizes(session, line, reply);
        }
        return new Dispatcher.Outcome(withoutHiddenCodes(reply), Duration.ZERO);
    }

    private Reply sizes(Pop3Session session, CommandLine line, Reply reply) {
        boolean lf = quirks.contains(Quirk.LF_SIZES);
        if (line.keyword().equals("STAT") && (lf || quirks.contains(Quirk.STAT_COUNTS_DELETED))) {
            return stat(session, lf);
        }
        if (line.keyword().equals("LIST") && lf) {
            return ListReplies.withSizes(reply, (number, size) -> lfSize(session, (int) number - 1));
        }
        return reply;
    }

    private Reply stat(Pop3Session session, boolean lf) {
        boolean all = quirks.contains(Quirk.STAT_COUNTS_DELETED);
        long count = 0;
        long octets = 0;
        for (int i = 0; i < session.messages().size(); i++) {
            if (all || !session.isDeleted(i)) {
                count++;
                octets += lf ? lfSize(session, i) : session.messages().get(i).size();
            }
        }
        return Reply.ok(count + " " + octets);
    }

    /** The size of message {@code index} stored as a file with LF line ends (qmail's maildir). */
    private static long lfSize(Pop3Session session, int index) {
        try (InputStream in = session.maildrop().openMessage(index)) {
            byte[] content = in.readAllBytes();
            long size = content.length;
            for (int i = 1; i < content.length; i++) {
                if (content[i] == '\n' && content[i - 1] == '\r') {
                    size--;
                }
            }
            return size;
        } catch (IOException e) {
            return session.messages().get(index).size();
        }
    }

    private Reply withoutHiddenCodes(Reply reply) {
        Optional<ResponseCode> code = reply.code();
        boolean hide = code.isPresent()
                && (!protocol.advertises("RESP-CODES")
                        || (!protocol.advertises("AUTH-RESP-CODE") && AUTH_CODES.contains(code.get())));
        return hide ? new Reply(reply.status(), Optional.empty(), reply.text(), reply.body(), reply.after()) : reply;
    }

    /** Size rewriting shared with the LIST fault. */
    static final class ListReplies {

        private ListReplies() {}

        /** The LIST reply with each message's size replaced by {@code size(messageNumber, size)}. */
        static Reply withSizes(Reply reply, LongBinaryOperator size) {
            if (reply.body().orElse(null) instanceof ReplyBody.Lines lines) {
                return Reply.ok(
                        reply.text(),
                        lines.lines().stream().map(l -> rewrite(l, size)).toList());
            }
            return reply.body().isEmpty() && reply.ok() ? Reply.ok(rewrite(reply.text(), size)) : reply;
        }

        private static String rewrite(String scanLine, LongBinaryOperator size) {
            String[] parts = scanLine.split(" ");
            if (parts.length != 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,18}")) {
                return scanLine;
            }
            return parts[0] + " " + size.applyAsLong(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
    }
}
