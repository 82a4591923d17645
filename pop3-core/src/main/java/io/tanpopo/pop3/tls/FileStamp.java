package io.tanpopo.pop3.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What is cheaply known about a file without reading it: modification time, size and file key (inode), so
 * that both an in-place rewrite and an atomic rename (certbot, Kubernetes secrets) count as a change.
 * A missing or unreadable file has a stamp too, so that its reappearance is a change.
 *
 * @param path         the file, symbolic links followed
 * @param lastModified the modification time, or {@code null} if the file cannot be read
 * @param size         the size in bytes, or -1
 * @param fileKey      the file system's identity of the file, or {@code null}
 */
record FileStamp(Path path, FileTime lastModified, long size, Object fileKey) {

    static FileStamp of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(path, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return new FileStamp(path, null, -1, null);
        }
    }
}
