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
     * Dovecot's default {@code pop3_uidl_format = %08Xu%08Xv}: the message's IMAP UID then the
     * UIDVALIDITY, each as 8 upper-case hex digits, read from {@code dovecot-uidlist} (never
     * written). A POP3 UIDL recorded in the uidlist ({@code P} extension) wins, as in Dovecot's
     * {@code pop3_get_uid}. Messages Dovecot has not seen yet fall back to {@link #FILENAME}.
     */
    DOVECOT
}
