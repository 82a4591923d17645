package io.tanpopo.store.maildir.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user name never steers the maildir path outside the root: every trick below is refused before
 * the file system is touched, and nothing outside the root is created or opened.
 */
class UserPathTest {

    private static final List<String> TRICKS = List.of(
            "..",
            "../bob",
            "../../etc",
            "a/b",
            "/etc/passwd",
            "a\0b",
            ".",
            ".hidden",
            "alice/../bob",
            "..\\bob",
            "\uFF0E\uFF0E",
            "\uFF0E\uFF0E\uFF0Fbob",
            "a\uFF0Fb",
            "a\u2215b",
            "%2e%2e",
            "%2e%2e%2fbob",
            "..%2fbob",
            "a\nb",
            "a\rb",
            "a\tb",
            " alice",
            "alice ",
            "",
            "x".repeat(256),
            "\u00e9l\u00e8ve",
            "a\u0000",
            "\u202e..",
            "..\u200b/bob");

    @TempDir
    Path dir;

    @Test
    void trickyUserNames_areRefused_andNothingOutsideTheRootIsTouched() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("bob/Maildir"));
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(outside.resolve(sub));
        }
        Files.writeString(outside.resolve("new/1.1.host"), "Subject: bob's\r\n\r\nprivate\r\n");
        MaildirStore store = new MaildirStore(MaildirConfig.of(root + "/{user}/Maildir"));
        for (String user : TRICKS) {
            Account account;
            try {
                account = new Account(user, java.util.Optional.empty(), java.util.Map.of());
            } catch (IllegalArgumentException refusedEarlier) {
                continue;
            }
            OpenResult result = store.open(account);
            if (result instanceof OpenResult.Opened opened) {
                try (Maildrop maildrop = opened.maildrop()) {
                    throw new AssertionError("opened a maildrop for " + printable(user) + " with "
                            + maildrop.messages().size() + " messages");
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> !p.startsWith(root) && !p.startsWith(dir.resolve("bob")) && !p.equals(dir)))
                    .as("files created outside the maildir root")
                    .isEmpty();
        }
    }

    private static String printable(String s) {
        return s.chars()
                .mapToObj(c -> c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c))
                .reduce("", String::concat);
    }
}
