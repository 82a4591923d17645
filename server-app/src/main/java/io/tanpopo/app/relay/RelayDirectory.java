package io.tanpopo.app.relay;

import io.tanpopo.pop3.proxy.AddressLiterals;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay-ctrl style directory: one empty file per client IP, named by the address, whose mtime
 * is the time of the last login from it. An SMTP server (or relay-ctrl-check) lets an address relay
 * while its file is younger than the expiry; {@link #removeExpired()} deletes older ones. Only
 * files named like an IP address are ever touched or removed.
 */
public final class RelayDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RelayDirectory.class);
    /** Bounds one cleaning pass over a directory someone filled with junk. */
    private static final int MAX_ENTRIES = 1_000_000;

    private final Path directory;
    private final Duration expiry;
    private final Clock clock;

    public RelayDirectory(Path directory, Duration expiry, Clock clock) {
        this.directory = directory;
        this.expiry = expiry;
        this.clock = clock;
    }

    /** Records a login from {@code client} now: creates or touches its file. */
    public void record(InetAddress client) throws IOException {
        Path file = directory.resolve(name(client));
        if (!Files.exists(file)) {
            Path temporary = Files.createTempFile(directory, ".tanpopo-", ".tmp");
            try {
                Files.setLastModifiedTime(temporary, FileTime.from(clock.instant()));
                Files.move(
                        temporary,
                        file,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    }

    /** Removes the files of addresses whose last login is older than the expiry; returns how many. */
    public int removeExpired() throws IOException {
        Instant oldest = clock.instant().minus(expiry);
        int removed = 0;
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (++seen > MAX_ENTRIES) {
                    LOG.warn("{} has more than {} entries; cleaning stops here", directory, MAX_ENTRIES);
                    break;
                }
                if (isAddressFile(entry) && expired(entry, oldest)) {
                    Files.deleteIfExists(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The file name of {@code client}: its address text (IPv6 without a scope). */
    static String name(InetAddress client) {
        String text = client.getHostAddress();
        int scope = text.indexOf('%');
        String name = scope < 0 ? text : text.substring(0, scope);
        return client instanceof Inet6Address ? name.toLowerCase(java.util.Locale.ROOT) : name;
    }

    private static boolean isAddressFile(Path entry) {
        return AddressLiterals.any(entry.getFileName().toString()).isPresent() && Files.isRegularFile(entry);
    }

    private static boolean expired(Path entry, Instant oldest) throws IOException {
        try {
            return Files.getLastModifiedTime(entry).toInstant().isBefore(oldest);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
