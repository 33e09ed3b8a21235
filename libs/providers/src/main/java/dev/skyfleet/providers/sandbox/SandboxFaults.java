package dev.skyfleet.providers.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults injected into a {@link SandboxProvider}, effective immediately and until cleared. Thread-safe.
 * <ul>
 * <li>{@link #capacityError(String)}: launching that offer fails with INSUFFICIENT_CAPACITY while the catalog still
 *     lists it as available (the race every real cloud has);</li>
 * <li>{@link #quotaExceeded(String)}: every launch in the region fails with QUOTA_EXCEEDED;</li>
 * <li>{@link #outage(boolean)}: every call fails with PROVIDER_UNAVAILABLE;</li>
 * <li>{@link #authFailure(boolean)}: every call fails with AUTHENTICATION_FAILED;</li>
 * <li>{@link #rawState(String, String)}: an instance reports a raw provider state of your choosing (for example one
 *     the mapping does not know, which must read as UNKNOWN).</li>
 * </ul>
 */
public final class SandboxFaults {
    private final Set<String> capacityErrors = ConcurrentHashMap.newKeySet();
    private final Set<String> quotaRegions = ConcurrentHashMap.newKeySet();
    private final Map<String, String> rawStates = new ConcurrentHashMap<>();
    private volatile boolean outage;
    private volatile boolean authFailure;

    /** Launches of this offer id ({@code sandbox:region:zone:type:usage}) fail with insufficient capacity. */
    public SandboxFaults capacityError(String offerId) {
        capacityErrors.add(offerId);
        return this;
    }

    public SandboxFaults clearCapacityError(String offerId) {
        capacityErrors.remove(offerId);
        return this;
    }

    public SandboxFaults quotaExceeded(String region) {
        quotaRegions.add(region);
        return this;
    }

    public SandboxFaults clearQuota(String region) {
        quotaRegions.remove(region);
        return this;
    }

    public SandboxFaults outage(boolean on) {
        outage = on;
        return this;
    }

    public SandboxFaults authFailure(boolean on) {
        authFailure = on;
        return this;
    }

    public SandboxFaults rawState(String instanceId, String raw) {
        rawStates.put(instanceId, raw);
        return this;
    }

    /** Removes every fault. */
    public SandboxFaults clear() {
        capacityErrors.clear();
        quotaRegions.clear();
        rawStates.clear();
        outage = false;
        authFailure = false;
        return this;
    }

    boolean hasCapacityError(String offerId) {
        return capacityErrors.contains(offerId);
    }

    boolean hasQuotaError(String region) {
        return quotaRegions.contains(region);
    }

    boolean outage() {
        return outage;
    }

    boolean authFailure() {
        return authFailure;
    }

    String rawStateOverride(String instanceId) {
        return rawStates.get(instanceId);
    }
}
