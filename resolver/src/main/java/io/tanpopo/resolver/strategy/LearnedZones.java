package io.tanpopo.resolver.strategy;

import java.net.InetAddress;
import java.util.Optional;

/** What {@link LocalPtrStrategy} knows of the private zones the site's DNS serves. */
public interface LearnedZones {

    /** Knows nothing and learns nothing: every private zone is answered locally. */
    LearnedZones NONE = new LearnedZones() {
        @Override
        public Optional<ZoneDecision> consult(InetAddress address) {
            return Optional.empty();
        }

        @Override
        public boolean covers(InetAddress address) {
            return false;
        }
    };

    /**
     * The decision for the zone of {@code address}, if one was made; when none was, learning may
     * start in the background. Never blocks and never waits for DNS.
     */
    Optional<ZoneDecision> consult(InetAddress address);

    /** Whether the zone of {@code address} is one that is learned at all. */
    boolean covers(InetAddress address);
}
