package io.tanpopo.pop3.protocol;

import java.util.Objects;

/**
 * The places where an embedder (the test kit) may bend the protocol: how the server presents
 * itself, and what stands around each command. {@link #standard()} changes nothing.
 *
 * @param profile greeting, and which optional commands and capabilities exist
 * @param interceptor runs around every command
 */
public record ProtocolHooks(ProtocolProfile profile, CommandInterceptor interceptor) {

    private static final ProtocolHooks STANDARD =
            new ProtocolHooks(ProtocolProfile.standard(), CommandInterceptor.none());

    public ProtocolHooks {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(interceptor, "interceptor");
    }

    /** tanpopo as it is. */
    public static ProtocolHooks standard() {
        return STANDARD;
    }
}
