package io.tanpopo.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** tanpopo's version, as Maven wrote it into the jar. */
public final class Version {

    /**
     * Read once, when the class is initialised, which is at the first {@link #current()}: the
     * resource cannot change while the jar is loaded.
     */
    private static final String CURRENT = read();

    private Version() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("$") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
