package io.tanpopo.auth.checkpassword;

import io.tanpopo.auth.ConnectionInfo;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment a checkpassword program starts with: nothing of the server's own environment,
 * only {@code PATH}, the variables {@code tcpserver} sets (UCSPI-TCP: {@code PROTO=TCP},
 * {@code TCPLOCALIP}, {@code TCPLOCALPORT}, {@code TCPLOCALHOST}, {@code TCPREMOTEIP},
 * {@code TCPREMOTEPORT} and, when the client's name is known, {@code TCPREMOTEHOST}), and the
 * connection's extra variables (e.g. {@code RELAYCLIENT} from access rules). When a proxy did not
 * say the client's address, {@code TCPREMOTEIP} and {@code TCPREMOTEPORT} are left out rather
 * than given a placeholder or the proxy's address, which a program could take for the client's
 * (vpopmail's open-relay records, for one). The extra variables
 * cannot override {@code PATH} or the {@code TCP…}/{@code PROTO} ones, so a rule cannot forge the
 * client's address. Public for the other programs the server runs for a connection (the
 * POP-before-SMTP hook), which get the same environment.
 */
public final class ChildEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(ChildEnvironment.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private ChildEnvironment() {}

    /** The environment for a program run for {@code connection}, with {@code PATH} set to {@code path}. */
    public static Map<String, String> of(ConnectionInfo connection, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        connection.environment().forEach((name, value) -> {
            if (NAME.matcher(name).matches() && isSafeValue(value)) {
                env.put(name, value);
            } else {
                LOG.warn("Not passing environment variable {} to checkpassword: bad name or value", name);
            }
        });
        env.put("PATH", path);
        env.put("PROTO", "TCP");
        env.put("TCPLOCALIP", ip(connection.local()));
        env.put("TCPLOCALPORT", Integer.toString(connection.local().getPort()));
        env.put("TCPLOCALHOST", connection.localHostName());
        env.remove("TCPREMOTEIP");
        env.remove("TCPREMOTEPORT");
        if (connection.remoteKnown()) {
            env.put("TCPREMOTEIP", ip(connection.remote()));
            env.put("TCPREMOTEPORT", Integer.toString(connection.remote().getPort()));
        }
        env.remove("TCPREMOTEHOST");
        connection.remoteHostName().ifPresent(name -> env.put("TCPREMOTEHOST", name));
        return env;
    }

    static boolean isSafeValue(String value) {
        return value.length() <= 4096 && value.chars().noneMatch(c -> c == 0);
    }

    private static String ip(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
