package io.tanpopo.pop3.protocol;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.pop3.login.FailedLoginLog;
import io.tanpopo.pop3.login.LoginAttempt;
import io.tanpopo.pop3.login.LoginDelays;
import io.tanpopo.pop3.login.LoginFailure;
import io.tanpopo.pop3.login.UserSessions;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.OpenResult;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path from an authenticator's verdict to the TRANSACTION state, shared by USER/PASS, APOP
 * and AUTH: it opens the maildrop, enforces LOGIN-DELAY and maps every outcome to its RFC 3206 /
 * RFC 2449 response code. Unknown user and wrong password get the same reply. Every failure is
 * logged once by {@link FailedLoginLog}, and those the client is to blame for ({@link
 * LoginFailure#delayed()}) wait the failed-login delay.
 *
 * <p>When the store's lock mode is {@link LockMode#TAKEOVER}, a login that authenticated (and
 * passed LOGIN-DELAY) ends the user's older sessions on this server and waits, at most
 * {@link #TAKEOVER_WAIT}, until they have released the maildrop (see {@link UserSessions}); an
 * unauthenticated client never ends anyone's session.
 */
public final class LoginService {

    static final String AUTH_FAILED = "Authentication failed";
    static final String LOCKED = "Maildrop is locked by another session";
    /**
     * How long a login waits for the sessions it took over to release the maildrop. An idle one
     * is released at once; this covers one still running a command, or a QUIT still committing
     * (a large maildrop), after which the login answers {@code [IN-USE]} as if it were locked.
     */
    static final Duration TAKEOVER_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    private final MailStore store;
    private final Optional<LoginDelays> loginDelays;
    private final ProtocolContext context;
    private final UserSessions sessions = new UserSessions();

    /**
     * Logins into {@code store}, with LOGIN-DELAY enforced when {@code loginDelays} is present,
     * counted by the throttle and limits of {@code context} and announced to its listener.
     */
    public LoginService(MailStore store, Optional<LoginDelays> loginDelays, ProtocolContext context) {
        this.store = store;
        this.loginDelays = loginDelays;
        this.context = context;
    }

    /** Completes {@code attempt}, whose credentials were checked with {@code result}. */
    public Reply complete(Pop3Session session, LoginAttempt attempt, AuthResult result) {
        Reply reply = complete(session, result);
        if (!reply.ok()) {
            failed(session, attempt, classify(result, reply));
        }
        return reply;
    }

    /**
     * Refuses {@code attempt} without checking credentials, answering {@code reply}: logs it and,
     * when {@code reason} is {@link LoginFailure#delayed()}, has the dispatcher delay the answer.
     */
    public Reply refuse(Pop3Session session, LoginAttempt attempt, LoginFailure reason, Reply reply) {
        failed(session, attempt, reason);
        return reply;
    }

    private static void failed(Pop3Session session, LoginAttempt attempt, LoginFailure reason) {
        FailedLoginLog.failed(session.connection().remote().getAddress(), attempt, reason);
        if (reason.delayed()) {
            session.loginFailed();
        }
    }

    private static LoginFailure classify(AuthResult result, Reply reply) {
        if (result instanceof AuthResult.Rejected) {
            return LoginFailure.REJECTED;
        }
        boolean system = reply.code()
                .filter(c -> c == ResponseCode.SYS_TEMP || c == ResponseCode.SYS_PERM)
                .isPresent();
        return result instanceof AuthResult.Accepted && !system ? LoginFailure.POLICY : LoginFailure.UNAVAILABLE;
    }

    private Reply complete(Pop3Session session, AuthResult result) {
        if (result instanceof AuthResult.Accepted accepted) {
            return open(session, accepted.account());
        }
        if (result instanceof AuthResult.Unavailable unavailable) {
            LOG.warn("authentication backend unavailable: {}", unavailable.reason());
            return Reply.err(ResponseCode.SYS_TEMP, "Authentication temporarily unavailable");
        }
        if (result instanceof AuthResult.Failed failed) {
            LOG.error("authentication backend failed: {}", failed.reason());
            return Reply.err(ResponseCode.SYS_PERM, "Authentication failed permanently, contact your administrator");
        }
        return Reply.err(ResponseCode.AUTH, AUTH_FAILED);
    }

    private Reply open(Pop3Session session, Account account) {
        context.throttle().succeeded(session.connection().remote().getAddress());
        if (loginDelays.isPresent() && loginDelays.get().tooSoon(account.name())) {
            return Reply.err(ResponseCode.LOGIN_DELAY, "Logged in too recently, try again later");
        }
        if (store.lockMode() != LockMode.TAKEOVER) {
            return openCounted(session, account, Optional.empty());
        }
        UserSessions.Claim claim = sessions.claim(account.name(), session.takeover());
        try {
            if (!awaitOlderSessions(claim)) {
                return Reply.err(ResponseCode.IN_USE, LOCKED);
            }
            return openCounted(session, account, Optional.of(claim));
        } finally {
            if (session.state() != SessionState.TRANSACTION) {
                claim.tenure().release(); // whatever went wrong, a claim never outlives its login
            }
        }
    }

    /** Counts the login against the per-user limit and opens the maildrop, held by {@code claim} if any. */
    private Reply openCounted(Pop3Session session, Account account, Optional<UserSessions.Claim> claim) {
        // limits.sessions-per-user: the same answer as a locked maildrop, since that is what it means
        // to the client (RFC 2449 §8.1.1: "already in use").
        if (!context.limits().tryLogin(account.name())) {
            return Reply.err(ResponseCode.IN_USE, "Too many sessions of this user");
        }
        OpenResult opened = openMaildrop(account);
        if (opened instanceof OpenResult.Opened ok
                && claim.isPresent()
                && !claim.get().hold()) {
            ok.maildrop().close(); // a newer login of the user claimed the maildrop meanwhile
            opened = new OpenResult.InUse();
        }
        if (opened instanceof OpenResult.Opened ok) {
            loginDelays.ifPresent(delays -> delays.record(account.name()));
            if (claim.isPresent()) {
                session.tenure(claim.get().tenure());
            }
            session.enterTransaction(account, ok.maildrop());
            long[] stat = session.liveCountAndSize();
            LOG.info("logged in as {} ({} messages, {} octets)", account.name(), stat[0], stat[1]);
            context.listener().loggedIn(session);
            return Reply.ok("Logged in, " + stat[0] + " messages (" + stat[1] + " octets)");
        }
        context.limits().loggedOut(account.name());
        return notOpened(account, opened);
    }

    /** Whether the sessions this claim ended have released the maildrop in time (see {@link UserSessions}). */
    private static boolean awaitOlderSessions(UserSessions.Claim claim) {
        try {
            return claim.await(TAKEOVER_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Reply notOpened(Account account, OpenResult opened) {
        if (opened instanceof OpenResult.InUse) {
            return Reply.err(ResponseCode.IN_USE, LOCKED);
        }
        if (opened instanceof OpenResult.Unavailable unavailable) {
            LOG.warn("maildrop of {} unavailable: {}", account.name(), unavailable.reason());
            return Reply.err(ResponseCode.SYS_TEMP, "Maildrop temporarily unavailable");
        }
        LOG.error("maildrop of {} failed: {}", account.name(), ((OpenResult.Failed) opened).reason());
        return Reply.err(ResponseCode.SYS_PERM, "Maildrop cannot be opened, contact your administrator");
    }

    private OpenResult openMaildrop(Account account) {
        try {
            return store.open(account);
        } catch (RuntimeException e) {
            LOG.error("mail store threw while opening the maildrop of {}", account.name(), e);
            return new OpenResult.Unavailable("mail store error: " + e);
        }
    }
}
