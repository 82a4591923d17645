package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Optional;

/**
 * What Courier's POP3 server records for a message it numbers (its {@code calcsize}): the octets
 * plus one per LF, whatever precedes the LF, and the UTF-8 mark, 1 when a header line holds an
 * octet above 0x7F. tanpopo records the same for the messages it numbers, so that Courier, after
 * a switch back, gives the LIST sizes it would have given had it numbered them itself. The file is
 * read through the maildir's handles, never through a link, and no further than its length.
 */
final class CourierSize {

    private static final int BUFFER = 16 * 1024;

    /** Courier's size and UTF-8 mark. */
    record Counted(long size, int utf8) {}

    private CourierSize() {}

    /** The message as Courier counts it; empty when it is gone. */
    static Optional<Counted> of(SecureDirectoryStream<Path> root, Path shown, MessageFile file) throws IOException {
        try (SecureDirectoryStream<Path> dir = SafeDirectory.open(root, shown, file.inNew() ? "new" : "cur")) {
            Optional<FileChannel> opened =
                    SafeFile.open(dir, Path.of(file.name().fileName()));
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            try (FileChannel channel = opened.get();
                    InputStream in = SafeFile.bounded(channel, channel.size())) {
                return Optional.of(count(in));
            }
        }
    }

    private static Counted count(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long octets = 0;
        long lineFeeds = 0;
        boolean inHeader = true;
        boolean lineEmpty = true;
        int utf8 = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            octets += n;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    lineFeeds++;
                    inHeader &= !lineEmpty;
                    lineEmpty = true;
                } else if (b != '\r') {
                    lineEmpty = false;
                    utf8 |= inHeader && b < 0 ? 1 : 0;
                }
            }
        }
        return new Counted(octets + lineFeeds, utf8);
    }
}
