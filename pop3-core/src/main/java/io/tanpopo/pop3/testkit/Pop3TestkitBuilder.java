package io.tanpopo.pop3.testkit;

import io.tanpopo.pop3.Pop3ServerBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Builds {@link TestkitSettings} and starts a {@link Pop3Testkit}. */
public final class Pop3TestkitBuilder {

    private final Map<String, String> users = new LinkedHashMap<>();
    private ServerProfile profile = ServerProfile.tanpopo();
    private Consumer<Pop3ServerBuilder> server = builder -> { };

    Pop3TestkitBuilder() {
    }

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

    public TestkitSettings settings() {
        return new TestkitSettings(users, profile, server);
    }

    public Pop3Testkit start() {
        return Pop3Testkit.start(settings());
    }
}
