package io.tanpopo.testkit;

import io.tanpopo.pop3.Pop3ServerBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link Pop3Testkit} starts with and returns to on {@link Pop3Testkit#reset()}.
 *
 * @param users user names and passwords, in the order added
 * @param profile the server to imitate
 * @param server further settings of the underlying server builder (idle timeout, login delay, ...)
 * @param storage in-memory mailboxes or maildirs
 */
public record TestkitSettings(
        Map<String, String> users, ServerProfile profile, Consumer<Pop3ServerBuilder> server, MailboxStorage storage) {

    public TestkitSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(storage, "storage");
        users.forEach((name, password) -> {
            if (name == null || name.isEmpty() || password == null) {
                throw new IllegalArgumentException("a user needs a name and a password");
            }
        });
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** In-memory mailboxes. */
    public TestkitSettings(Map<String, String> users, ServerProfile profile, Consumer<Pop3ServerBuilder> server) {
        this(users, profile, server, MailboxStorage.memory());
    }

    /** Parses {@code "name:password"} (the password may contain colons) as in {@code @Pop3Test(users = ...)}. */
    public static Map.Entry<String, String> parseUser(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a user is given as name:password, not '" + spec + "'");
        }
        return Map.entry(spec.substring(0, colon), spec.substring(colon + 1));
    }
}
