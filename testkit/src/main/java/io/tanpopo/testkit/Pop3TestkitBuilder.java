package io.tanpopo.testkit;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.transport.SharedIo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Builds {@link TestkitSettings} and starts a {@link Pop3Testkit}. */
public final class Pop3TestkitBuilder {

    private final Map<String, String> users = new LinkedHashMap<>();
    private ServerProfile profile = ServerProfile.tanpopo();
    private Consumer<Pop3ServerBuilder> server = builder -> {};
    private MailboxStorage storage = MailboxStorage.memory();

    Pop3TestkitBuilder() {}

    /** A user present from the start and after every reset. */
    public Pop3TestkitBuilder user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** The server to imitate; {@link ServerProfile#tanpopo()} by default. */
    public Pop3TestkitBuilder profile(ServerProfile chosen) {
        this.profile = Objects.requireNonNull(chosen, "profile");
        return this;
    }

    /** Further settings of the server itself, e.g. {@code b -> b.idleTimeout(Duration.ofSeconds(2))}. */
    public Pop3TestkitBuilder server(Consumer<Pop3ServerBuilder> settings) {
        this.server = this.server.andThen(settings);
        return this;
    }

    /**
     * Keeps mail in real maildirs in a temporary directory, created at start and deleted on close:
     * {@code <root>/<user>/Maildir} with {@code tmp/}, {@code new/}, {@code cur/}, served by tanpopo's
     * maildir store. UIDLs are then the files' base names.
     */
    public Pop3TestkitBuilder maildir() {
        this.storage = MailboxStorage.tempMaildir();
        return this;
    }

    /** Keeps mail in maildirs under {@code root} (created if missing), which outlives the kit. */
    public Pop3TestkitBuilder maildir(Path root) {
        this.storage = MailboxStorage.maildir(root);
        return this;
    }

    /** Also listens for implicit TLS (POP3S, RFC 8314) on a free port: {@link Pop3Testkit#tlsPort()}. */
    public Pop3TestkitBuilder implicitTls() {
        return server(builder -> builder.implicitTlsPort(0));
    }

    /** Runs on the I/O threads of {@code io} instead of the JVM-wide {@link SharedIo#common()}. */
    public Pop3TestkitBuilder sharedIo(SharedIo io) {
        return server(builder -> builder.sharedIo(io));
    }

    public TestkitSettings settings() {
        return new TestkitSettings(users, profile, server, storage);
    }

    public Pop3Testkit start() {
        return Pop3Testkit.start(settings());
    }
}
