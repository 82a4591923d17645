package io.tanpopo.testkit.junit;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.testkit.Pop3Testkit;
import io.tanpopo.testkit.Pop3TestkitBuilder;
import io.tanpopo.testkit.ServerProfile;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Builds a {@link Pop3Extension} for {@code @RegisterExtension}. */
public final class Pop3ExtensionBuilder {

    private final Pop3TestkitBuilder kit = Pop3Testkit.builder();
    private boolean perTest;

    Pop3ExtensionBuilder() {}

    /** A user present in every test. */
    public Pop3ExtensionBuilder user(String name, String password) {
        kit.user(name, password);
        return this;
    }

    /** The server to imitate; {@link ServerProfile#tanpopo()} by default. */
    public Pop3ExtensionBuilder profile(ServerProfile profile) {
        kit.profile(profile);
        return this;
    }

    /** Further settings of the server itself, e.g. {@code b -> b.idleTimeout(Duration.ofSeconds(2))}. */
    public Pop3ExtensionBuilder server(Consumer<Pop3ServerBuilder> settings) {
        kit.server(settings);
        return this;
    }

    /** Real maildirs in a temporary directory, deleted when the server stops (see {@link Pop3TestkitBuilder#maildir()}). */
    public Pop3ExtensionBuilder maildir() {
        kit.maildir();
        return this;
    }

    /** Maildirs under {@code root}, kept after the server stops and emptied between tests. */
    public Pop3ExtensionBuilder maildir(Path root) {
        kit.maildir(root);
        return this;
    }

    /** Also listen for implicit TLS (POP3S) on a free port. */
    public Pop3ExtensionBuilder implicitTls() {
        kit.implicitTls();
        return this;
    }

    /**
     * A new server for every test, even when the extension is in a static field (an instance field
     * always gives one per test). Needed for tests that run concurrently within one class.
     */
    public Pop3ExtensionBuilder perTest() {
        this.perTest = true;
        return this;
    }

    public Pop3Extension build() {
        return new Pop3Extension(kit.settings(), perTest);
    }
}
