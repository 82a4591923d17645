package io.tanpopo.pop3.access;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.StaticUsersAuthenticator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Static users that remember the connection facts each login came with. */
final class RecordingAuthenticator implements Authenticator {

    private final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    private final List<ConnectionInfo> seen = new CopyOnWriteArrayList<>();

    RecordingAuthenticator(String user, String password) {
        users.put(user, password);
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        seen.add(request.connection());
        return users.authenticate(request);
    }

    List<ConnectionInfo> seen() {
        return seen;
    }
}
