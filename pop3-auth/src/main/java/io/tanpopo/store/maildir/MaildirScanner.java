package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the messages of a maildir: regular files in {@code cur/} and {@code new/} with acceptable
 * names ({@link MessageName#parse}); {@code tmp/} is never looked at (cr.yp.to/proto/maildir.html:
 * a reader "looks through the new and cur directories").
 *
 * <p>Symbolic links are ignored, not followed: a link could point anywhere outside the maildir
 * (another user's mail, {@code /etc/shadow}), and no deliverer creates them. {@code cur/} is read
 * before {@code new/}: a message that another process moves from {@code new/} to {@code cur/}
 * during the listing is then missed for one session at worst, never listed twice.
 */
final class MaildirScanner {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirScanner.class);

    /** All messages, sorted by {@link MessageFile#ORDER}, one per base name. */
    List<MessageFile> scan(Path root) throws IOException {
        Map<String, MessageFile> byBase = new HashMap<>();
        list(root, false, byBase);
        list(root, true, byBase);
        List<MessageFile> files = new ArrayList<>(byBase.values());
        files.sort(MessageFile.ORDER);
        return files;
    }

    /** Finds a message by base name now, wherever it moved since the snapshot. */
    Optional<MessageFile> find(Path root, String base) throws IOException {
        Map<String, MessageFile> byBase = new HashMap<>();
        list(root, false, byBase);
        list(root, true, byBase);
        return Optional.ofNullable(byBase.get(base));
    }

    private void list(Path root, boolean inNew, Map<String, MessageFile> byBase)
            throws IOException {
        Path dir = root.resolve(inNew ? "new" : "cur");
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        MessageFile[] found = new MessageFile[entries.size()];
        Slices.run(found.length, (first, step) -> { // one lstat per entry: overlapped when many
            for (int i = first; i < found.length; i += step) {
                found[i] = message(entries.get(i), inNew);
            }
        });
        for (MessageFile file : found) {
            if (file == null) {
                continue;
            }
            MessageFile earlier = byBase.putIfAbsent(file.name().base(), file);
            if (earlier != null) {
                LOG.warn("Two files with the base name of {} in {}; using {}",
                        file.path(root), root, earlier.name().fileName());
            }
        }
    }

    /** The message at {@code entry}, or null for a name or file that is not a message. */
    private static MessageFile message(Path entry, boolean inNew) throws IOException {
        Optional<MessageName> name = MessageName.parse(entry.getFileName().toString());
        if (name.isEmpty()) {
            return null;
        }
        Optional<BasicFileAttributes> attributes = attributes(entry);
        if (attributes.isEmpty() || !attributes.get().isRegularFile()) {
            return null;
        }
        return new MessageFile(inNew, name.get(), attributes.get().size(),
                attributes.get().lastModifiedTime().toMillis());
    }

    private static Optional<BasicFileAttributes> attributes(Path entry) throws IOException {
        try {
            return Optional.of(Files.readAttributes(
                    entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException gone) {
            return Optional.empty(); // renamed or deleted by another process meanwhile
        }
    }
}
