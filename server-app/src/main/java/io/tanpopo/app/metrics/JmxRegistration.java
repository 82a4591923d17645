package io.tanpopo.app.metrics;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The metrics MBean {@code io.tanpopo:type=Pop3Server,name=<bind>_<port>}, registered until closed. */
public final class JmxRegistration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

    private final MBeanServer server;
    private final ObjectName name;

    private JmxRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** Registers {@code metrics} for the server listening on {@code bind}:{@code port}. */
    public static JmxRegistration register(Pop3Metrics metrics, String bind, int port) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(
                "io.tanpopo:type=Pop3Server,name=" + (bind + "_" + port).replaceAll("[^A-Za-z0-9._-]", "_"));
        server.registerMBean(metrics, name);
        return new JmxRegistration(server, name);
    }

    public ObjectName name() {
        return name;
    }

    @Override
    public void close() {
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("unregistering {} failed: {}", name, e.toString());
        }
    }
}
