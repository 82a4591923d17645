package io.tanpopo.pop3.protocol;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.login.UserSessions;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The state of one POP3 session: plain typed fields, changed only by commands and the dispatcher,
 * which never run concurrently for one session.
 */
public final class Pop3Session {

    private final String id;
    private final String apopStamp;
    private ConnectionInfo connection;
    private SessionState state = SessionState.AUTHORIZATION;
    private String pendingUser;
    private Account account;
    private Maildrop maildrop;
    private List<MessageInfo> messages = List.of();
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();
    private int badCommands;
    private boolean utf8;
    private Continuation continuation;
    private boolean accessDenied;
    private boolean loginFailed;
    /** How this session is ended when a newer login of its user takes its maildrop over; null: it is not. */
    private Runnable takeover;
    /** Its place among the user's sessions, when the store's lock mode is takeover. */
    private UserSessions.Tenure tenure;

    public Pop3Session(String id, String apopStamp, ConnectionInfo connection) {
        this.id = id;
        this.apopStamp = apopStamp;
        this.connection = connection;
    }

    public String id() {
        return id;
    }

    /** The {@code <pid.clock@host>} stamp of this session's greeting (RFC 1939 §7, APOP). */
    public String apopStamp() {
        return apopStamp;
    }

    public ConnectionInfo connection() {
        return connection;
    }

    /** Replaces the connection facts, e.g. when TLS starts or the client's name is resolved. */
    public void connection(ConnectionInfo updated) {
        this.connection = updated;
    }

    /** Whether the access rules denied this client (known once its name was looked up). */
    public boolean accessDenied() {
        return accessDenied;
    }

    /** Marks the client as denied by the access rules: every further command is refused. */
    public void denyAccess() {
        this.accessDenied = true;
    }

    public SessionState state() {
        return state;
    }

    public Optional<String> pendingUser() {
        return Optional.ofNullable(pendingUser);
    }

    public void pendingUser(String user) {
        this.pendingUser = user;
    }

    public Optional<Account> account() {
        return Optional.ofNullable(account);
    }

    /** Enters TRANSACTION with the account's maildrop and its snapshot (RFC 1939 §4). */
    public void enterTransaction(Account loggedIn, Maildrop opened) {
        this.account = loggedIn;
        this.maildrop = opened;
        this.messages = opened.messages();
        this.pendingUser = null;
        this.state = SessionState.TRANSACTION;
    }

    /** Sets how the transport ends this session for a newer login of its user (a dropped connection). */
    public void onTakeover(Runnable end) {
        this.takeover = end;
    }

    Runnable takeover() {
        return takeover;
    }

    void tenure(UserSessions.Tenure held) {
        this.tenure = held;
    }

    /**
     * Called when the session released its maildrop: it leaves the user's sessions, and a newer
     * login waiting for it goes on.
     */
    public void released() {
        if (tenure != null) {
            tenure.release();
        }
    }

    /**
     * QUIT may enter the UPDATE state (RFC 1939 §6): false when a newer login of the user took
     * the maildrop over first, in which case the session commits nothing.
     */
    public boolean mayCommit() {
        return tenure == null || tenure.beginCommit();
    }

    /** Ends the session; returns the maildrop to release, if any. */
    public Optional<Maildrop> close() {
        state = SessionState.CLOSED;
        Maildrop open = maildrop;
        maildrop = null;
        return Optional.ofNullable(open);
    }

    public Maildrop maildrop() {
        if (maildrop == null) {
            throw new IllegalStateException("no maildrop outside TRANSACTION");
        }
        return maildrop;
    }

    /** The snapshot taken at login; message n is at index n-1. */
    public List<MessageInfo> messages() {
        return messages;
    }

    public BitSet deleted() {
        return deleted;
    }

    public BitSet retrieved() {
        return retrieved;
    }

    public boolean isDeleted(int index) {
        return deleted.get(index);
    }

    /** Counts a bad command and returns how many there were in this session. */
    public int countBadCommand() {
        return ++badCommands;
    }

    /** Marks the reply now being made as a failed login, to be delayed and counted by the dispatcher. */
    public void loginFailed() {
        this.loginFailed = true;
    }

    /** Whether the reply now being made is a failed login; clears the mark. */
    public boolean takeLoginFailed() {
        boolean failed = loginFailed;
        loginFailed = false;
        return failed;
    }

    /** Takes the pending continuation, if the last reply was a SASL challenge. */
    public Optional<Continuation> takeContinuation() {
        Continuation pending = continuation;
        continuation = null;
        return Optional.ofNullable(pending);
    }

    /** Whether the next line is a SASL response rather than a command (it is not taken). */
    public boolean awaitsResponse() {
        return continuation != null;
    }

    /** The next line is a response for {@code next}, not a command. */
    public void expectResponse(Continuation next) {
        this.continuation = next;
    }

    public boolean utf8() {
        return utf8;
    }

    public void utf8(boolean enabled) {
        this.utf8 = enabled;
    }

    /** Number and total size of the messages not marked deleted (RFC 1939 §5, STAT). */
    public long[] liveCountAndSize() {
        long count = 0;
        long size = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted.get(i)) {
                count++;
                size += messages.get(i).size();
            }
        }
        return new long[] {count, size};
    }
}
