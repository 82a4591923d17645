package io.tanpopo.pop3.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A structural review kept as a test: the protocol's own secret comparisons (APOP digest, CRAM-MD5
 * digest, SCRAM stored key) use {@code MessageDigest.isEqual}, which takes constant time.
 */
class ConstantTimeReviewTest {

    private static String source(String path) throws IOException {
        return Files.readString(Path.of("src/main/java/io/tanpopo/pop3", path));
    }

    @Test
    void apop_cramMd5_andScram_compareDigestsInConstantTime() throws IOException {
        assertThat(source("protocol/command/ApopCommand.java")).contains("MessageDigest.isEqual(expected, given)");
        assertThat(source("sasl/CramMd5Mechanism.java")).contains("MessageDigest.isEqual(expected, digest)");
        assertThat(source("sasl/ScramCrypto.java")).contains("MessageDigest.isEqual(sha256(clientKey), storedKey)");
    }
}
