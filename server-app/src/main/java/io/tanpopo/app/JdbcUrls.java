package io.tanpopo.app;

import java.util.regex.Pattern;

/** JDBC URLs as logs and {@code check-config} show them: without a password or user information. */
final class JdbcUrls {

    /** {@code user:password@} after {@code //}, as MySQL's and MariaDB's drivers accept it. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#]*@");
    /** A parameter whose name says it holds a secret: password, sslpassword, trustStorePassword, pwd, ... */
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;](?:[a-z0-9_.-]*password|pwd|[a-z0-9_.-]*secret)=)[^&;#]*");

    private JdbcUrls() {}

    static String withoutCredentials(String url) {
        String shown = USER_INFO.matcher(url).replaceFirst("//********@");
        return SECRET_PARAMETER.matcher(shown).replaceAll("$1********");
    }
}
