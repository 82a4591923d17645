package io.tanpopo.testkit;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * One user's maildir. Delivery writes {@code tmp/<name>} and renames it atomically into
 * {@code new/} (cr.yp.to/proto/maildir.html); the UIDL is the base name. Reading goes through a
 * store that takes no lock, so looking never makes a client meet {@code [IN-USE]}.
 */
final class MaildirMailbox implements UserMailbox {

    private final String user;
    private final Path dir;
    private final TrackingStore served;
    private final MaildirStore reader;
    private final MaildirNames names;

    MaildirMailbox(String user, Path dir, TrackingStore served, MaildirStore reader, MaildirNames names) {
        this.user = user;
        this.dir = dir;
        this.served = served;
        this.reader = reader;
        this.names = names;
    }

    @Override
    public synchronized String add(Optional<String> uid, byte[] message) {
        String base = uid.map(MaildirMailbox::checkedBase).orElseGet(names::next);
        if (messages().stream().anyMatch(m -> m.uid().equals(base))) {
            throw new IllegalArgumentException("UID already in this mailbox: " + base);
        }
        try {
            Path tmp = Files.write(dir.resolve("tmp").resolve(base), message, StandardOpenOption.CREATE_NEW);
            Files.move(tmp, dir.resolve("new").resolve(base), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver into " + dir, e);
        }
        return base;
    }

    @Override
    public List<MessageInfo> messages() {
        try (Maildrop maildrop = open()) {
            return maildrop.messages();
        }
    }

    @Override
    public byte[] content(String uid) {
        try (Maildrop maildrop = open()) {
            List<MessageInfo> messages = maildrop.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).uid().equals(uid)) {
                    try (InputStream in = maildrop.openMessage(i)) {
                        return in.readAllBytes();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message " + uid + " in " + dir, e);
        }
        throw new IllegalArgumentException("no message with UID " + uid);
    }

    @Override
    public boolean isLocked() {
        return served.isOpen(user);
    }

    @Override
    public synchronized void clear() {
        for (String sub : List.of("tmp", "new", "cur")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(sub))) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot empty " + dir.resolve(sub), e);
            }
        }
    }

    @Override
    public Optional<Path> maildir() {
        return Optional.of(dir);
    }

    private Maildrop open() {
        OpenResult result = reader.open(Account.named(user));
        if (result instanceof OpenResult.Opened opened) {
            return opened.maildrop();
        }
        throw new IllegalStateException("cannot read the maildir " + dir + ": " + result);
    }

    /** A chosen UIDL as a file base name: a valid unique-id that a maildir name can carry. */
    private static String checkedBase(String uid) {
        if (!MessageInfo.isValidUid(uid) || uid.contains("/") || uid.contains(":") || uid.startsWith(".")) {
            throw new IllegalArgumentException("in a maildir a UIDL is a file name: 1 to 70 characters in"
                    + " 0x21-0x7E, without '/' or ':', not starting with '.', not '" + uid + "'");
        }
        return uid;
    }
}
