package io.tanpopo.store.maildir;

/** How {@link MaildirStore} derives RFC 1939 §7 unique-ids (config key {@code store.maildir.uidl}). */
public enum UidlStyle {

    /**
     * qmail-pop3d and Courier: the file name up to the first {@code :} (the maildir "unique name",
     * cr.yp.to/proto/maildir.html). A name longer than 70 characters or with characters outside
     * 0x21-0x7E is replaced by the unpadded Base64url SHA-256 of its UTF-8 bytes (43 characters).
     */
    FILENAME,

    /**
     * Dovecot's: its {@code pop3_uidl_format} (key {@code store.maildir.uidl-format}, default
     * {@code %08Xu%08Xv}: UID then UIDVALIDITY as 8 <em>lower-case</em> hex digits each), rendered
     * as Dovecot does (see {@link UidlFormat}) from {@code dovecot-uidlist}. A POP3 UIDL recorded
     * in the uidlist ({@code P} extension) wins, as in Dovecot's {@code pop3_get_uid}. Messages
     * the uidlist does not list yet get the next UIDs, written to it with Dovecot's lock, so that
     * Dovecot serves the same unique-ids (see {@link DovecotUids}).
     */
    DOVECOT,

    /**
     * Courier's (its current {@code pop3d}): {@code UID<n>-<uidvalidity>} from
     * {@code courierpop3dsizelist}, which is kept up to date for new messages as Courier keeps
     * it (see {@link CourierUids}).
     */
    COURIER;

    /** The bookkeeping file whose changes change the unique-ids; null for none. */
    String listFile() {
        return switch (this) {
            case FILENAME -> null;
            case DOVECOT -> DovecotUidList.NAME;
            case COURIER -> CourierSizeList.NAME;
        };
    }
}
