package io.tanpopo.store.maildir;

import io.tanpopo.store.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@link UidlStyle#FILENAME} unique-ids: the base name as qmail-pop3d gives it, when it is a valid
 * RFC 1939 §7 unique-id; otherwise the unpadded Base64url SHA-256 of its UTF-8 bytes (43
 * characters of {@code A-Za-z0-9-_}), which is stable across sessions and servers.
 */
final class FilenameUidl {

    private FilenameUidl() {}

    static String of(String base) {
        if (MessageInfo.isValidUid(base)) {
            return base;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
