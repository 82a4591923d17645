package io.tanpopo.store.maildir;

import io.tanpopo.auth.Account;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.OpenResult;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maildrops in maildirs (cr.yp.to/proto/maildir.html), served like qmail-pop3d: the snapshot
 * lists {@code cur/} and {@code new/} (never {@code tmp/}) in delivery order; QUIT unlinks deleted
 * messages and moves the rest from {@code new/} to {@code cur/} with {@code :2,}. Sizes are exact
 * CRLF sizes, from {@code ,W=} or computed once and cached (see {@link MessageSizes}); unique-ids
 * follow {@link UidlStyle}. With locking on, a second session of the same maildir, in this or
 * another process, gets {@link OpenResult.InUse}.
 *
 * <p>The maildir belongs to a user who may be hostile: it is opened and worked on relative to
 * directory handles that never follow a link, at login and again, checked to be the same
 * directories, for RETR and QUIT ({@link MaildirHandles}); a maildir
 * that is itself a symbolic link is refused unless {@link MaildirConfig#followRootSymlink};
 * bookkeeping files that are not regular files are ignored or replaced ({@link SafeFile}).
 *
 * <p>Failures: an unsafe user name or a {@code {home}} path for an account without a home is
 * {@link OpenResult.Failed}; a missing, unreadable or linked maildir is
 * {@link OpenResult.Unavailable}, logged at WARN with the path. Create one store per process (it
 * holds the in-process locks, the size cache and the last listing of recent maildirs).
 *
 * <p>A later login to a maildir whose {@code cur/} and {@code new/} are unchanged since a settled
 * listing (see {@link ListingStamp}) reuses that listing, like Dovecot's maildir index: messages
 * are taken to be immutable, as the maildir protocol makes them (a file rewritten in place under
 * the same name, without a rename, is not noticed until the directory changes). Files renamed or
 * removed by other programs are still found by base name, or reported gone, at RETR and QUIT.
 */
public final class MaildirStore implements MailStore {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirStore.class);

    private final MaildirConfig config;
    private final PathTemplate template;
    private final FileOps ops;
    private final MaildirScanner scanner = new MaildirScanner();
    private final MaildropLocks locks = new MaildropLocks();
    private final ListingCache listings;
    private final MessageSizes sizes;
    private final Clock clock;

    public MaildirStore(MaildirConfig config) {
        this(config, new SystemFileOps());
    }

    MaildirStore(MaildirConfig config, FileOps ops) {
        this(config, ops, Clock.systemUTC());
    }

    /** With the clock that {@link ListingStamp} compares directory mtimes with. */
    MaildirStore(MaildirConfig config, FileOps ops, Clock clock) {
        this.config = config;
        this.template = new PathTemplate(config.pathTemplate());
        this.ops = ops;
        this.listings = new ListingCache(config.sizeCacheEntries());
        this.sizes = new MessageSizes(listings, new SizeCacheFile(), scanner, ops);
        this.clock = clock;
    }

    @Override
    public OpenResult open(Account account) {
        try {
            try (MaildirHandles maildir = MaildirHandles.open(template.resolve(account), config.followRootSymlink())) {
                return locked(maildir); // the session holds no handle: see MaildirHandles
            }
        } catch (OpenRefusal refusal) {
            LOG.warn("Cannot open maildrop of {}: {}", PathTemplate.printable(account.name()), refusal.getMessage());
            return refusal.result();
        } catch (IOException e) {
            LOG.warn("Cannot open maildrop of {}: {}", PathTemplate.printable(account.name()), e.toString());
            return new OpenResult.Unavailable("maildir I/O error: " + e);
        }
    }

    @Override
    public LockMode lockMode() {
        return config.lockMode();
    }

    /** Takes the lock (when locking) and the snapshot. */
    private OpenResult locked(MaildirHandles maildir) throws IOException {
        Optional<MaildropLocks.Lease> lease = Optional.empty();
        if (config.lock()) {
            lease = locks.tryLock(maildir);
            if (lease.isEmpty()) {
                return new OpenResult.InUse();
            }
        }
        return opened(maildir, lease);
    }

    private OpenResult opened(MaildirHandles maildir, Optional<MaildropLocks.Lease> lease) throws IOException {
        try {
            MaildirMaildrop.Snapshot snapshot = snapshot(maildir);
            Object key = maildir.key();
            MaildirCommit commit = new MaildirCommit(
                    maildir.place(),
                    scanner,
                    ops,
                    config.markSeen(),
                    () -> listings.forgetListing(key)); // our own change: rescan, whatever the mtimes
            return new OpenResult.Opened(new MaildirMaildrop(maildir.place(), snapshot, scanner, ops, commit, lease));
        } catch (IOException | RuntimeException e) {
            if (lease.isPresent()) {
                lease.get().close();
            }
            throw e;
        }
    }

    /**
     * The snapshot: the remembered one while the directories are unchanged since it was listed
     * (see {@link ListingStamp}: two {@code fstat}s instead of reading both directories and one
     * {@code lstat} per message), else a new listing. The stamp is taken before listing, so a
     * change during the listing shows as a changed stamp at the next login.
     */
    private MaildirMaildrop.Snapshot snapshot(MaildirHandles maildir) throws IOException {
        ListingStamp stamp = ListingStamp.take(maildir, config.uidl().listFile(), clock);
        Optional<MaildirMaildrop.Snapshot> kept = listings.listing(maildir.key(), stamp);
        if (kept.isPresent()) {
            return kept.get();
        }
        Listed fresh = listed(maildir);
        if (fresh.complete()) { // else messages were left out: list again at the next login
            listings.putListing(maildir.key(), new ListingCache.Listing(stamp, fresh.snapshot()));
        }
        return fresh.snapshot();
    }

    private record Listed(MaildirMaildrop.Snapshot snapshot, boolean complete) {}

    private Listed listed(MaildirHandles maildir) throws IOException {
        MessageSizes.Learning learning = sizes.learn(maildir);
        List<MaildirScanner.Sized> listed = scanner.scan(maildir, learning);
        DovecotUids.Assigned dovecot = new DovecotUids.Assigned(Map.of(), true);
        if (config.uidl() == UidlStyle.DOVECOT) { // numbers new messages, sorts, may leave some out
            dovecot = DovecotUids.assign(maildir.root(), maildir.path(), listed, config.uidlFormat(), clock);
        } else if (config.uidl() == UidlStyle.COURIER) { // the same for Courier's list
            dovecot = CourierUids.assign(maildir.root(), maildir.path(), listed, clock);
        }
        // From the ordered listing, one file per base name: the one the snapshot serves. The
        // sizes are remembered (the cache file written, after a first login) beside the building
        // of the snapshot, and always before this login goes on.
        ParallelWork.Beside remembering = ParallelWork.beside(listed.size(), () -> learning.remember(listed));
        try {
            Unique unique = new Unique(listed.size(), dovecot.uidls());
            for (MaildirScanner.Sized sized : listed) {
                unique.add(sized);
            }
            return new Listed(
                    new MaildirMaildrop.Snapshot(unique.files, unique.infos, unique.inPlace), dovecot.complete());
        } finally {
            remembering.join();
        }
    }

    /**
     * The snapshot's messages as they are added, with unique-ids that are unique. A method per
     * message, not a loop body: once per message of a first login, with the JIT still cold, a
     * method is compiled after a few hundred calls, a loop only after tens of thousands of turns.
     */
    private static final class Unique {
        final List<MessageFile> files;
        final List<MessageInfo> infos;
        private final Set<String> uids;
        private final Map<String, String> dovecot;
        boolean inPlace = true;

        Unique(int count, Map<String, String> dovecot) {
            this.files = new ArrayList<>(count);
            this.infos = new ArrayList<>(count);
            this.uids = dovecot.isEmpty() ? Set.of() : new HashSet<>(count * 4 / 3 + 1);
            this.dovecot = dovecot;
        }

        void add(MaildirScanner.Sized sized) {
            if (sized.size() == MessageSizes.VANISHED) {
                return;
            }
            files.add(sized.file());
            inPlace &= sized.file().inPlace();
            infos.add(new MessageInfo(sized.size(), uid(sized.file().name().base())));
        }

        /** Dovecot's unique-id unless absent or taken (a damaged uidlist may repeat one), else the name's. */
        private String uid(String base) {
            if (dovecot.isEmpty()) {
                return FilenameUidl.of(base); // base names are unique: nothing to keep apart
            }
            String uid = dovecot.get(base);
            if (uid == null || !uids.add(uid)) {
                uid = FilenameUidl.of(base);
                uids.add(uid);
            }
            return uid;
        }
    }
}
