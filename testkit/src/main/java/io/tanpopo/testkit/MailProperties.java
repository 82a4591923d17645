package io.tanpopo.testkit;

import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * Jakarta Mail (Angus) session properties for a test server: plain POP3, POP3 upgraded with STLS
 * (RFC 2595 §4), and POP3S on the implicit-TLS port (RFC 8314). The TLS variants trust exactly the
 * server's per-run CA and check that the certificate names the host.
 */
final class MailProperties {

    private MailProperties() {}

    static Properties plain(String host, int port) {
        return common("pop3", host, port);
    }

    static Properties stls(String host, int port, SSLContext trust) {
        Properties properties = common("pop3", host, port);
        properties.setProperty("mail.pop3.starttls.enable", "true");
        properties.setProperty("mail.pop3.starttls.required", "true");
        trusting(properties, "pop3", trust);
        return properties;
    }

    static Properties pop3s(String host, int port, SSLContext trust) {
        Properties properties = common("pop3s", host, port);
        trusting(properties, "pop3s", trust);
        return properties;
    }

    private static Properties common(String protocol, String host, int port) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty("mail.store.protocol", protocol);
        properties.setProperty(prefix + "host", host);
        properties.setProperty(prefix + "port", Integer.toString(port));
        properties.setProperty(prefix + "connectiontimeout", "5000");
        properties.setProperty(prefix + "timeout", "10000");
        return properties;
    }

    private static void trusting(Properties properties, String protocol, SSLContext trust) {
        // An object, not a class name: Angus takes a ready SSLSocketFactory under this key.
        properties.put("mail." + protocol + ".ssl.socketFactory", trust.getSocketFactory());
        properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
}
