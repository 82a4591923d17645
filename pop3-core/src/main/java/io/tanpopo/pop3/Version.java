package io.tanpopo.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** tanpopo's version, as Maven wrote it into the jar. */
public final class Version {

    private Version() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; read from the jar at the first call. */
    public static String current() {
        return Current.VERSION;
    }

    /** Read once, at first use: the resource cannot change while the jar is loaded. */
    private static final class Current {
        static final String VERSION = read();
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
