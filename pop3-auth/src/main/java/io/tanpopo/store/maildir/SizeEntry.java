package io.tanpopo.store.maildir;

/**
 * A remembered CRLF size, valid while the file has the same length and modification time
 * (renames, which change flags, keep both).
 */
record SizeEntry(long length, long modified, long size) {

    boolean matches(MessageFile file) {
        return length == file.length() && modified == file.modified();
    }
}
