package dev.skyfleet.provisioner.service;

import dev.skyfleet.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offers, provider-regions and providers recently refused, each skipped until its entry expires (Karpenter's
 * unavailable-offerings cache: 3 minutes, a repeat failure extends it).
 */
@ApplicationScoped
public class CapacityCache {
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    @jakarta.inject.Inject
    public CapacityCache(ProvisionerConfig config) {
        this(config.failover().unavailableTtl(), Clock.systemUTC());
    }

    CapacityCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The offer answered "insufficient capacity". */
    public void offerUnavailable(String offerId) {
        block("offer:" + offerId);
    }

    /** A quota is exhausted in this provider-region. */
    public void regionBlocked(String provider, String region) {
        block("region:" + provider + ":" + region);
    }

    /** The provider refused our credentials. */
    public void providerBlocked(String provider) {
        block("provider:" + provider);
    }

    /** Why the offer must be skipped now, or null when it may be tried. */
    public String skipReason(String offerId, String provider, String region) {
        if (blocked("provider:" + provider)) {
            return "provider " + provider + " refused our credentials recently";
        }
        if (blocked("region:" + provider + ":" + region)) {
            return "quota exhausted recently in " + provider + " " + region;
        }
        if (blocked("offer:" + offerId)) {
            return "insufficient capacity recently";
        }
        return null;
    }

    public boolean offerBlocked(String offerId) {
        return blocked("offer:" + offerId);
    }

    public void clear() {
        blockedUntil.clear();
    }

    private void block(String key) {
        blockedUntil.put(key, clock.instant().plus(ttl));
    }

    private boolean blocked(String key) {
        Instant until = blockedUntil.get(key);
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            blockedUntil.remove(key, until);
            return false;
        }
        return true;
    }
}
