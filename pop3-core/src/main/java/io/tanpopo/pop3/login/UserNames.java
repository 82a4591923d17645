package io.tanpopo.pop3.login;

/** What a user name from a client may contain before any backend sees it. */
public final class UserNames {

    /** Longest accepted user name, in characters. */
    public static final int MAX_LENGTH = 255;

    private UserNames() {}

    /** Non-empty, at most {@link #MAX_LENGTH} characters, no control characters or spaces at the ends. */
    public static boolean isAcceptable(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH || !name.equals(name.strip())) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }
}
