package io.tanpopo.pop3.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One configured file, read with the checks an operator needs: it exists, is a regular file, is readable and
 * is of a plausible size. Key material is untrusted input like any other file, so reads are bounded.
 *
 * @param key  the configuration key that named the file, e.g. {@code tls.cert}
 * @param path the file
 */
record MaterialFile(String key, Path path) {

    /** Far above any real certificate chain or key store; stops a mistaken path to a huge file. */
    static final long MAX_BYTES = 1024 * 1024;

    byte[] read() throws TlsConfigException {
        try {
            if (!Files.exists(path)) {
                throw new TlsConfigException(key + " file " + path + " does not exist");
            }
            if (!Files.isRegularFile(path)) {
                throw new TlsConfigException(key + " file " + path + " is not a regular file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new TlsConfigException(
                        key + " file " + path + " is too large (" + size + " bytes, at most " + MAX_BYTES + ")");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(key + " file " + path + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigException(key + " file " + path + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new TlsConfigException(key + " file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    TlsConfigException error(String what) {
        return new TlsConfigException(key + " file " + path + ": " + what);
    }

    TlsConfigException error(String what, Throwable cause) {
        return new TlsConfigException(key + " file " + path + ": " + what, cause);
    }
}
