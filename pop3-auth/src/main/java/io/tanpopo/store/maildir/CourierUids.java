package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UidlStyle#COURIER}: the unique-ids of a listing as Courier's POP3 server gives them
 * ({@code UID<n>-<uidvalidity>} from {@code courierpop3dsizelist}), in its order. Messages the
 * list does not hold get the next UIDs, in Courier's order, and the list is written again as
 * Courier writes it (a new file in {@code tmp/}, renamed over the list; Courier takes no lock),
 * so that Courier, after a switch back, serves the same unique-ids. No list: UIDVALIDITY is the
 * current time, as in Courier. When the list cannot be written, the new messages are left out of
 * this session, which is Courier's own recovery.
 */
final class CourierUids {

    private static final Path LIST = Path.of(CourierSizeList.NAME);
    private static final Logger LOG = LoggerFactory.getLogger(CourierUids.class);

    private CourierUids() {}

    /**
     * Through the maildir's directory handle ({@code shown} names it in the log only): sorts
     * {@code listed} in Courier's order, numbers, writes the list when it changed. The list is
     * read and written relative to the handle, never through a link.
     */
    static DovecotUids.Assigned assign(
            SecureDirectoryStream<Path> dir, Path shown, List<MaildirScanner.Sized> listed, Clock clock) {
        listed.sort((a, b) ->
                CourierSizeList.compare(CourierSizeList.courierName(a.file()), CourierSizeList.courierName(b.file())));
        Optional<CourierSizeList> read = read(dir, shown);
        CourierSizeList list = read.orElseGet(
                () -> new CourierSizeList(1, clock.instant().getEpochSecond() & DovecotUidList.MAX_UINT, Map.of()));
        Map<String, String> uidls = new HashMap<>();
        StringBuilder lines = new StringBuilder();
        long next = list.nextUid();
        boolean renamed = false;
        for (MaildirScanner.Sized sized : listed) {
            String name = CourierSizeList.courierName(sized.file());
            CourierSizeList.Entry entry = list.entries().get(CourierSizeList.key(name));
            // listed as named after this session's QUIT, which gives cur/X the name X:2,
            String committed = sized.file().name().withFlags("");
            renamed |= !CourierSizeList.key(committed).equals(CourierSizeList.key(name));
            if (entry == null) {
                CourierSize.Counted counted = counted(dir, shown, sized);
                entry = new CourierSizeList.Entry(name, counted.size(), next++, list.uidValidity(), counted.utf8());
            }
            uidls.put(sized.file().name().base(), entry.uidl());
            lines.append(line(committed, entry));
        }
        // Courier rewrites the list when a message is new or one it lists is gone; tanpopo also
        // when its QUIT renames a message Courier would no longer match
        boolean changed = read.isEmpty()
                || renamed
                || next != list.nextUid()
                || list.entries().size() != listed.size();
        try {
            if (changed) {
                write(dir, shown, "/" + CourierSizeList.VERSION + " " + next + " " + list.uidValidity() + "\n" + lines);
            }
            return new DovecotUids.Assigned(uidls, true);
        } catch (IOException e) {
            LOG.warn("Cannot write {}/{}: {}; new messages are left out of this session", shown, LIST, e.toString());
            listed.removeIf(
                    s -> !list.entries().containsKey(CourierSizeList.key(CourierSizeList.courierName(s.file()))));
            return new DovecotUids.Assigned(uidls, false);
        }
    }

    /** {@code <file name> <size> <uid>:<uidvalidity>:<utf8>}, as Courier's {@code savepop3dlist} writes it. */
    private static String line(String name, CourierSizeList.Entry entry) {
        return name + ' ' + entry.size() + ' ' + entry.uid() + ':' + entry.uidValidity() + ':' + entry.utf8() + '\n';
    }

    /** Courier's size and UTF-8 mark; tanpopo's size and no mark when the file cannot be read. */
    private static CourierSize.Counted counted(
            SecureDirectoryStream<Path> dir, Path shown, MaildirScanner.Sized sized) {
        try {
            return CourierSize.of(dir, shown, sized.file()).orElse(new CourierSize.Counted(sized.size(), 0));
        } catch (IOException e) {
            LOG.warn(
                    "Cannot count {} in {} as Courier does: {}",
                    sized.file().name().fileName(),
                    shown,
                    e.toString());
            return new CourierSize.Counted(sized.size(), 0);
        }
    }

    private static Optional<CourierSizeList> read(SecureDirectoryStream<Path> dir, Path root) {
        try {
            Optional<byte[]> bytes = SafeFile.readAll(dir, LIST, DovecotUidList.MAX_BYTES);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            Optional<CourierSizeList> list = CourierSizeList.parse(bytes.get());
            if (list.isEmpty()) {
                LOG.warn("Ignoring {}/{}: not a list Courier reads; it is written anew", root, LIST);
            }
            return list;
        } catch (IOException e) {
            LOG.warn("Ignoring {}/{}: {}", root, LIST, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Courier's {@code savepop3dlist}: a new file in {@code tmp/}, renamed over the list. {@code tmp/}
     * is opened as the other directories are ({@link MaildirHandles#directory}: no link, no FIFO).
     */
    private static void write(SecureDirectoryStream<Path> dir, Path shown, String content) throws IOException {
        Path temp = Path.of(System.currentTimeMillis() / 1000 + ".tanpopo"
                + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime()) + ".pop3");
        try (SecureDirectoryStream<Path> tmp = SafeDirectory.open(dir, shown, "tmp")) {
            try (SeekableByteChannel out = tmp.newByteChannel(
                    temp, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            SafeFile.giveOwner(
                    tmp.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS),
                    dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes());
            tmp.move(temp, dir, LIST);
        }
    }
}
