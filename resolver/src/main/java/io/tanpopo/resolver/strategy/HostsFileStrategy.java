package io.tanpopo.resolver.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from a hosts file through a reverse index. The file is checked for changes (modification
 * time and size) at most once per {@code recheck} interval of the injected clock and re-read when
 * it changed; no watcher thread. Reads at most {@link #MAX_FILE_SIZE} bytes. An address not in the
 * file passes to the next strategy.
 */
public final class HostsFileStrategy implements ResolverStrategy {

    /** Only the first megabyte of a hosts file is read. */
    public static final int MAX_FILE_SIZE = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(HostsFileStrategy.class);

    private final Path file;
    private final Clock clock;
    private final Duration recheck;
    private final HostsFileParser parser;
    // Volatile: answerFromMemory reads them without the lock, which a re-read of the file holds.
    private volatile Map<InetAddress, HostsFileParser.Entry> index = Map.of();
    private volatile Instant nextCheck = Instant.MIN;
    private FileTime seenModified;
    private long seenSize = -1;
    private boolean reportedMissing;

    /**
     * @param file    the hosts file (the application chooses, typically {@code /etc/hosts})
     * @param clock   clock deciding when to check the file again
     * @param recheck minimum interval between two checks of the file
     */
    public HostsFileStrategy(Path file, Clock clock, Duration recheck) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheck = Objects.requireNonNull(recheck, "recheck");
        this.parser = new HostsFileParser(file.toString());
    }

    @Override
    public String name() {
        return "hosts";
    }

    @Override
    public CompletableFuture<StrategyAnswer> lookup(InetAddress address) {
        HostsFileParser.Entry entry = currentIndex().get(address);
        if (entry == null) {
            return CompletableFuture.completedFuture(StrategyAnswer.pass("not in " + file));
        }
        return CompletableFuture.completedFuture(
                StrategyAnswer.named(entry.name(), file + " line " + entry.line(), recheck));
    }

    /** From the index already read, unless the file is due to be checked for changes; never waits for the lock. */
    @Override
    public Optional<StrategyAnswer> answerFromMemory(InetAddress address) {
        if (!clock.instant().isBefore(nextCheck)) {
            return Optional.empty();
        }
        HostsFileParser.Entry entry = index.get(address);
        return Optional.of(
                entry == null
                        ? StrategyAnswer.pass("not in " + file)
                        : StrategyAnswer.named(entry.name(), file + " line " + entry.line(), recheck));
    }

    private synchronized Map<InetAddress, HostsFileParser.Entry> currentIndex() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return index;
        }
        nextCheck = now.plus(recheck);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.size() != seenSize || !attributes.lastModifiedTime().equals(seenModified)) {
                index = parser.parse(read());
                seenSize = attributes.size();
                seenModified = attributes.lastModifiedTime();
                reportedMissing = false;
                LOG.debug("{}: indexed {} addresses", file, index.size());
            }
        } catch (NoSuchFileException e) {
            if (!reportedMissing) {
                LOG.warn("{}: hosts file not found, strategy passes every address", file);
                reportedMissing = true;
            }
            index = Map.of();
            seenSize = -1;
            seenModified = null;
        } catch (IOException e) {
            LOG.warn("{}: cannot read hosts file, keeping the previous index: {}", file, e.toString());
        }
        return index;
    }

    private String read() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_SIZE);
            if (in.read() >= 0) {
                LOG.warn("{}: larger than {} bytes, the rest is ignored", file, MAX_FILE_SIZE);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
