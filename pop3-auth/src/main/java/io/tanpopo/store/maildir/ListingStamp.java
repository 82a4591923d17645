package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code cur/} and {@code new/} (and, for Dovecot or Courier unique-ids, their list file)
 * looked like just before a listing: file key (device and inode), size and modification time of
 * each, as seen through the open {@link MaildirHandles}. Every delivery, rename or unlink in a
 * directory changes its mtime, so a listing whose
 * stamp still matches can be reused without reading the directories again.
 *
 * <p>Except within one clock tick: a change in the same tick as the one before leaves the mtime
 * as it was (ext4 ticks in milliseconds, older file systems in whole seconds, FAT in two). So,
 * like Dovecot's maildir code, a stamp is only {@linkplain #settled() settled} when every mtime
 * was at least {@link #SETTLE_MILLIS} older than the clock when it was taken; only then can any
 * later change be seen. This assumes the file server's clock is not more than about a second
 * behind ours.
 *
 * @param parts one per file, in a fixed order
 * @param settled whether every mtime was old enough when taken
 */
record ListingStamp(List<Part> parts, boolean settled) {

    static final long SETTLE_MILLIS = 2_000;

    /** One file's identity and change marks; {@code null} and -1 when it does not exist. */
    record Part(Object key, long size, long modifiedNanos) {}

    ListingStamp {
        parts = List.copyOf(parts);
    }

    /** Reads the stamp of {@code maildir} now, with the list file {@code listFile} (null for none). */
    static ListingStamp take(MaildirHandles maildir, String listFile, Clock clock) throws IOException {
        long now = clock.millis();
        List<Part> parts = new ArrayList<>(3);
        parts.add(part(Optional.of(opened(maildir.cur()))));
        parts.add(part(Optional.of(opened(maildir.dir(true)))));
        if (listFile != null) {
            parts.add(part(SafeFile.lstat(maildir.root(), Path.of(listFile))));
        }
        boolean settled = true;
        for (Part part : parts) {
            if (part.key() != null && now - part.modifiedNanos() / 1_000_000 < SETTLE_MILLIS) {
                settled = false;
            }
        }
        return new ListingStamp(parts, settled);
    }

    /** Whether both stamps saw the same files unchanged (settledness aside). */
    boolean sameFiles(ListingStamp other) {
        return parts.equals(other.parts);
    }

    /** The attributes of the directory opened ({@code fstat}), not of what its name leads to now. */
    private static BasicFileAttributes opened(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    private static Part part(Optional<BasicFileAttributes> file) {
        if (file.isEmpty()) {
            return new Part(null, -1, -1);
        }
        BasicFileAttributes a = file.get();
        return new Part(a.fileKey(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }
}
