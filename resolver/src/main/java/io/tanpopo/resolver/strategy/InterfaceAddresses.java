package io.tanpopo.resolver.strategy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default source of the machine's own addresses for {@link LocalPtrStrategy}: every address
 * of every interface that is up, via {@link NetworkInterface}.
 */
public final class InterfaceAddresses implements Supplier<List<InetAddress>> {

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceAddresses.class);

    @Override
    public List<InetAddress> get() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(InterfaceAddresses::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}", e.toString());
            return List.of();
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
