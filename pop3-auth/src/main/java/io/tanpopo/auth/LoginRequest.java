package io.tanpopo.auth;

import java.util.Objects;

/**
 * One attempt to log in with a user name and a password.
 *
 * <p>The password is UTF-8 bytes so that it can be wiped: the caller overwrites the array with
 * zeros as soon as {@link Authenticator#authenticate} returns. An authenticator must not keep a
 * reference to it.
 *
 * @param user the user name as the client sent it (already checked to be non-empty and free of
 *     control characters)
 * @param password the password, UTF-8 encoded
 * @param timestamp the APOP stamp of the greeting, {@code <pid.clock@host>}; checkpassword programs
 *     get it as their third field
 * @param connection the client's connection
 */
public record LoginRequest(String user, byte[] password, String timestamp, ConnectionInfo connection) {

    public LoginRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(connection, "connection");
    }

    @Override
    public String toString() {
        return "LoginRequest[user=" + user + ", password=(masked), remote=" + connection.remote() + "]";
    }
}
