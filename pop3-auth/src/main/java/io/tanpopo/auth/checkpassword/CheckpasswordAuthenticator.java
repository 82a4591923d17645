package io.tanpopo.auth.checkpassword;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords with a checkpassword program (cr.yp.to/checkpwd/interface.html), as qmail-popup
 * does.
 *
 * <p>The program reads {@code user\0password\0timestamp\0} from descriptor 3; Java cannot open
 * descriptor 3, so the program runs under the constant wrapper
 * {@code /bin/sh -c 'exec "$0" "$@" 3<&0 </dev/null'}, which moves our pipe from stdin to 3. After
 * the configured command comes our "next program" ({@link ReportedEnvironment#NEXT_PROGRAM}), which
 * the checkpassword program execs on success and which prints a marker and the environment it got,
 * so we learn {@code USER} and {@code HOME}. Exit 0 counts only with that marker, so a program that
 * exits 0 without running it (say, {@code /bin/true}) accepts nobody. Exit 1 is
 * {@link AuthResult.Rejected}, 111 {@link AuthResult.Unavailable}, 2 and unknown statuses
 * {@link AuthResult.Failed} (logged); {@link CheckpasswordConfig#exitCodes()} maps further statuses
 * and takes precedence over these.
 *
 * <p>User and password travel only on descriptor 3, never on a command line or through a shell.
 * Input longer than the interface's 512 bytes, or a field containing NUL, is
 * {@link AuthResult.Rejected} without running anything: a client can send such input, so it is not
 * a server fault. At most {@link CheckpasswordConfig#maxConcurrent()} programs run at once; a check
 * that waits longer than the timeout for a slot, or whose program runs longer, is
 * {@link AuthResult.Unavailable}, and the program and its descendants are killed.
 */
public final class CheckpasswordAuthenticator implements Authenticator {

    static final int MAX_INPUT = 512;
    private static final String FD3_WRAPPER = "exec \"$0\" \"$@\" 3<&0 </dev/null";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpasswordAuthenticator.class);

    private final CheckpasswordConfig config;
    private final Semaphore slots;
    private final ProcessRun runner;
    private final List<String> argv;

    /**
     * @param io runs the threads that read each program's output and error streams; needs two
     *     threads per concurrent check (an unbounded cached pool of daemon threads is right)
     */
    public CheckpasswordAuthenticator(CheckpasswordConfig config, ExecutorService io) {
        this.config = Objects.requireNonNull(config, "config");
        this.slots = new Semaphore(config.maxConcurrent(), true);
        this.runner = new ProcessRun(Objects.requireNonNull(io, "io"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", FD3_WRAPPER));
        command.addAll(config.command());
        command.addAll(ReportedEnvironment.NEXT_PROGRAM);
        this.argv = List.copyOf(command);
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        Optional<byte[]> input = input(request);
        if (input.isEmpty()) {
            return AuthResult.rejected();
        }
        try {
            if (!slots.tryAcquire(config.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return new AuthResult.Unavailable("all " + config.maxConcurrent() + " checkpassword processes busy");
            }
            try {
                return run(request, input.get());
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AuthResult.Unavailable("interrupted");
        } finally {
            Arrays.fill(input.get(), (byte) 0);
        }
    }

    private AuthResult run(LoginRequest request, byte[] input) throws InterruptedException {
        ProcessRun.Result result;
        try {
            result =
                    runner.run(argv, ChildEnvironment.of(request.connection(), config.path()), input, config.timeout());
        } catch (IOException e) {
            LOG.warn("Cannot run checkpassword {}: {}", config.command().get(0), e.toString());
            return new AuthResult.Failed("cannot run checkpassword: " + e.getMessage());
        }
        if (result.timedOut()) {
            LOG.warn("checkpassword for user {} took longer than {}; killed", request.user(), config.timeout());
            return new AuthResult.Unavailable("checkpassword timed out");
        }
        return outcome(request, result);
    }

    private AuthResult outcome(LoginRequest request, ProcessRun.Result result) {
        int code = result.exitCode();
        CheckpasswordConfig.Outcome mapped = config.exitCodes().get(code);
        if (code == 0) {
            return ReportedEnvironment.parse(result.output(), result.outputLength())
                    .map(env -> AuthResult.accepted(CheckpasswordAccounts.account(request, env)))
                    .orElseGet(() -> failed(request, "exited 0 without running the next program"));
        }
        if (mapped != null) {
            return switch (mapped) {
                case REJECTED -> AuthResult.rejected();
                case UNAVAILABLE -> new AuthResult.Unavailable("checkpassword exit " + code);
                case FAILED -> failed(request, "exit " + code);
            };
        }
        return switch (code) {
            case 1 -> AuthResult.rejected();
            case 111 -> new AuthResult.Unavailable("checkpassword exit 111 (temporary failure)");
            default -> failed(request, "exit " + code + (code == 2 ? " (misuse)" : ""));
        };
    }

    private AuthResult failed(LoginRequest request, String what) {
        LOG.warn("checkpassword {} {} for user {}", config.command().get(0), what, request.user());
        return new AuthResult.Failed("checkpassword " + what);
    }

    /** {@code user\0password\0timestamp\0}, or empty when it would not fit the interface. */
    private static Optional<byte[]> input(LoginRequest request) {
        byte[] user = request.user().getBytes(StandardCharsets.UTF_8);
        byte[] stamp = request.timestamp().getBytes(StandardCharsets.UTF_8);
        byte[] password = request.password();
        int length = user.length + password.length + stamp.length + 3;
        if (length > MAX_INPUT || contains0(user) || contains0(password) || contains0(stamp)) {
            return Optional.empty();
        }
        // One exact-size array (no growing buffer) so that the single copy of the password is wiped.
        byte[] input = new byte[length];
        int at = 0;
        for (byte[] field : List.of(user, password, stamp)) {
            System.arraycopy(field, 0, input, at, field.length);
            at += field.length + 1;
        }
        return Optional.of(input);
    }

    private static boolean contains0(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
