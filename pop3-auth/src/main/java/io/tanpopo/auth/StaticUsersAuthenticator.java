package io.tanpopo.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and plain passwords held in memory: the demo's and the embedded server's authenticator.
 * Users can be added and removed while the server runs. Passwords are compared in constant time.
 */
public final class StaticUsersAuthenticator implements Authenticator {

    private final Map<String, byte[]> passwords = new ConcurrentHashMap<>();

    /** Adds a user, or replaces the password of an existing one. */
    public void put(String user, String password) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
        passwords.put(user, password.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes a user; returns whether it existed. */
    public boolean remove(String user) {
        return passwords.remove(user) != null;
    }

    /** The users now known, for a test kit that resets them between tests. */
    public Set<String> names() {
        return Set.copyOf(passwords.keySet());
    }

    public boolean contains(String user) {
        return passwords.containsKey(user);
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        byte[] expected = passwords.get(request.user());
        // Compare against a dummy for unknown users so both paths do the same work.
        byte[] against = expected != null ? expected : new byte[request.password().length];
        boolean equal = MessageDigest.isEqual(against, request.password());
        return expected != null && equal ? AuthResult.accepted(Account.named(request.user())) : AuthResult.rejected();
    }

    /** Looks in memory only: logins run inline, without a hop to the authentication threads. */
    @Override
    public boolean blocks() {
        return false;
    }

    @Override
    public boolean providesSecrets() {
        return true;
    }

    @Override
    public SecretResult secret(String user) {
        byte[] password = passwords.get(user);
        return password == null
                ? new SecretResult.Unknown()
                : new SecretResult.Found(Account.named(user), password.clone());
    }
}
