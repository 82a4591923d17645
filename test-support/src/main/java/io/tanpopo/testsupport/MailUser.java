package io.tanpopo.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the mail programs run as: nobody when the tests run as root (as in CI: Dovecot refuses mail
 * access as root, getmail and mdeliver refuse to deliver as root), else the test's own user.
 */
public final class MailUser {

    private static final int NOBODY = 65534;

    private MailUser() {}

    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static String uid() throws IOException {
        return root() ? Integer.toString(NOBODY) : id("-u");
    }

    public static String gid() throws IOException {
        return root() ? Integer.toString(NOBODY) : id("-g");
    }

    /** Dovecot's own services as the test's user when it is not root. */
    public static String unprivilegedServiceUsers() {
        if (root()) {
            return "";
        }
        String me = System.getProperty("user.name");
        return "default_internal_user = " + me + "\ndefault_login_user = " + me + "\ndefault_internal_group = " + me;
    }

    /** {@code command} run as the mail user. */
    public static List<String> asMailUser(Path home, String... command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(List.of("/usr/bin/env", "HOME=" + home, "PATH=/usr/bin:/bin"));
        full.addAll(List.of(command));
        return full;
    }

    /** Gives everything below {@code dir} to the mail user (tests run as root in CI). */
    public static void giveToMailUser(Path dir) throws IOException {
        if (!root()) {
            return;
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName("nobody"));
                view.setGroup(users.lookupPrincipalByGroupName("nogroup"));
            }
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (Path p = dir.getParent(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String id(String flag) throws IOException {
        Process p = new ProcessBuilder("id", flag).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
