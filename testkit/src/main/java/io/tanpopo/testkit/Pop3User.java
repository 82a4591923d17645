package io.tanpopo.testkit;

import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A user of the test server and their mailbox: deliver messages (from text, bytes, {@code .eml}
 * files or whole folders), in a controlled order and with chosen or profile-styled UIDLs, and look
 * at what is left after the client is done. With a maildir ({@link Pop3TestkitBuilder#maildir()})
 * every message is a real file and its UIDL is the file's base name.
 */
public final class Pop3User {

    private final String name;
    private final String password;
    private final UserMailbox mailbox;

    Pop3User(String name, String password, UserMailbox mailbox) {
        this.name = name;
        this.password = password;
        this.mailbox = mailbox;
    }

    public String name() {
        return name;
    }

    /** The password the user was added with. */
    public String password() {
        return password;
    }

    /** Delivers a message given as text (stored as UTF-8, line ends as given); returns its UIDL. */
    public String deliver(String message) {
        return deliver(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers a message exactly as these bytes; returns its UIDL. */
    public String deliver(byte[] message) {
        return mailbox.add(Optional.empty(), message);
    }

    /**
     * Delivers a message with a chosen UIDL (1 to 70 characters in 0x21-0x7E, unique in the mailbox).
     * In a maildir it becomes the file name (so no {@code /} or {@code :}), and the maildir's order
     * applies: by the leading digits of the name (its delivery time), names without digits last.
     */
    public String deliver(String uid, String message) {
        return mailbox.add(Optional.of(uid), message.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers the message in {@code file} (e.g. an {@code .eml}), bytes as they are; returns its UIDL. */
    public String deliver(Path file) {
        return deliver(read(file));
    }

    /**
     * Delivers every regular, non-hidden file in {@code folder}, sorted by file name (so name them
     * {@code 01-…}, {@code 02-…} to fix the message numbers); returns their UIDLs in that order.
     */
    public List<String> deliverFolder(Path folder) {
        return files(folder).stream().map(this::deliver).toList();
    }

    /**
     * Like {@link #deliverFolder}, but each message's UIDL is its file name without {@code .eml},
     * so tests can name the UIDLs a client has cached.
     */
    public List<String> deliverFolderNamedUids(Path folder) {
        List<String> uids = new ArrayList<>();
        for (Path file : files(folder)) {
            String uid = file.getFileName().toString().replaceFirst("\\.eml$", "");
            uids.add(mailbox.add(Optional.of(uid), read(file)));
        }
        return uids;
    }

    /** The messages now in the mailbox, in message-number order, with their wire sizes and UIDLs. */
    public List<MessageInfo> messages() {
        return mailbox.messages();
    }

    /** The UIDLs now in the mailbox, in order. */
    public List<String> uids() {
        return messages().stream().map(MessageInfo::uid).toList();
    }

    /** How many messages are in the mailbox. */
    public int count() {
        return messages().size();
    }

    /** The stored content of the message with {@code uid}, as text. */
    public String content(String uid) {
        return new String(mailbox.content(uid), StandardCharsets.UTF_8);
    }

    /** Whether a session holds this mailbox now. */
    public boolean isLocked() {
        return mailbox.isLocked();
    }

    /** Removes every message. */
    public void clear() {
        mailbox.clear();
    }

    /**
     * The user's maildir (with {@code tmp/}, {@code new/}, {@code cur/}) when the kit stores mail in
     * maildirs; empty for in-memory mailboxes.
     */
    public Optional<Path> maildir() {
        return mailbox.maildir();
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
