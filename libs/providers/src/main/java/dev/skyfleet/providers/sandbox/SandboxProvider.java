package dev.skyfleet.providers.sandbox;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferId;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox cloud: a named, documented <b>simulator</b>, in the spirit of Karpenter's KWOK provider, that lets the
 * whole system run and be tested without credentials. It is not a stand-in for the real clients (those are tested
 * against recorded API shapes); it is a cloud with its own deterministic physics:
 *
 * <ul>
 * <li><b>Lineup</b>: H100 SXM5 ×8 and ×1, A100 80 GB SXM4 ×8 and PCIe ×1, L40S ×4 and ×1, A10, L4, an arm64 GH200,
 *     and x86/arm CPU types, over four regions: two with zones ({@code sim-us-east-1} a–c, {@code sim-us-west-1}
 *     a–b), two regional.</li>
 * <li><b>Capacity</b> of each offer is re-drawn every {@link SandboxConfig#capacityPeriod()} from a hash of
 *     (seed, offer id, period number): same seed and same clock readings give the same catalog, and capacity comes
 *     and goes as the clock moves. Launching an offer without capacity fails with INSUFFICIENT_CAPACITY.</li>
 * <li><b>Prices</b>: on-demand is the base price ±5 % per region, spot 30–60 % of it per zone, re-drawn every
 *     {@link SandboxConfig#pricePeriod()}.</li>
 * <li><b>Lifecycle</b>: PENDING for {@link SandboxConfig#launchDelay()} after create or start, then RUNNING;
 *     STOPPING → STOPPED after the stop delay; TERMINATING → TERMINATED after the terminate delay. All measured on
 *     the injected {@link java.time.Clock}; nothing runs in the background.</li>
 * <li><b>Idempotent create</b>: a second create with the same refId returns the first instance (the provider
 *     declares {@code create-instance-idempotent}); terminate of an unknown or terminated instance succeeds.</li>
 * <li><b>Quota</b>: at most {@link SandboxConfig#maxInstancesPerRegion()} live instances per region.</li>
 * <li><b>Faults</b> via {@link #faults()}: capacity error for an offer, quota error for a region, outage, auth
 *     failure, arbitrary raw instance states.</li>
 * </ul>
 * Everything is in memory and thread-safe. Terminated instances stay listed (as on real clouds).
 * Raw states: {@code provisioning, running, stopping, stopped, shutting-down, terminated}; anything else maps to
 * {@link InstanceState#UNKNOWN}, never to PENDING.
 */
public final class SandboxProvider implements CloudProvider {
    public static final String REF_ID_TAG = "skyfleet-ref-id";
    public static final String CREDENTIAL_TAG = "skyfleet-cred";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.CREATE_INSTANCE,
            Capability.CREATE_INSTANCE_IDEMPOTENT, Capability.TERMINATE_INSTANCE, Capability.CREATE_TERMINATE_INSTANCE,
            Capability.REBOOT_INSTANCE, Capability.STOP_START_INSTANCE, Capability.TAGS, Capability.INSTANCE_USERDATA);

    private final SandboxConfig config;
    private final SandboxFaults faults = new SandboxFaults();
    private final Map<String, SandboxLineup.SimType> types = new LinkedHashMap<>();
    private final Map<String, SandboxLineup.SimRegion> regions = new LinkedHashMap<>();
    private final Map<String, SimInstance> instances = new LinkedHashMap<>();
    private final Map<String, String> byRefId = new LinkedHashMap<>();
    private long sequence;

    public SandboxProvider(SandboxConfig config) {
        this.config = config;
        SandboxLineup.types(config.id()).forEach(t -> types.put(t.spec().name(), t));
        SandboxLineup.REGIONS.forEach(r -> regions.put(r.id(), r));
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** The fault switchboard. */
    public SandboxFaults faults() {
        return faults;
    }

    public SandboxConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "SandboxProvider[" + id() + " seed=" + config.seed() + "]";
    }

    // ---------------------------------------------------------------- read side

    @Override
    public List<Region> listRegions() {
        guard();
        return regions.values().stream().map(r -> new Region(id(), r.id(), r.description())).toList();
    }

    @Override
    public List<InstanceTypeSpec> listInstanceTypes() {
        guard();
        return types.values().stream().map(SandboxLineup.SimType::spec).toList();
    }

    @Override
    public List<Offer> listOffers() {
        guard();
        Instant now = config.clock().instant();
        List<Offer> out = new ArrayList<>();
        for (SandboxLineup.SimRegion region : regions.values()) {
            List<String> places = region.zones().isEmpty() ? java.util.Collections.singletonList(null) : region.zones();
            for (SandboxLineup.SimType type : types.values()) {
                if (!type.offeredIn(region.id())) {
                    continue;
                }
                for (String zone : places) {
                    out.add(offer(type, region.id(), zone, UsageClass.ON_DEMAND, now));
                    if (type.spot()) {
                        out.add(offer(type, region.id(), zone, UsageClass.SPOT, now));
                    }
                }
            }
        }
        return out;
    }

    private Offer offer(SandboxLineup.SimType type, String region, String zone, UsageClass usage, Instant at) {
        String offerId = new OfferId(id(), region, zone, type.spec().name(), usage).toString();
        return Offer.of(id(), id(), region, zone, usage, type.spec(), price(type, region, zone, usage, at),
                hasCapacity(offerId, at), OfferSource.SIMULATOR, at);
    }

    /** Whether an offer has capacity at a time: a pure function of (seed, offer id, capacity period). */
    boolean hasCapacity(String offerId, Instant at) {
        long period = Math.floorDiv(at.toEpochMilli(), config.capacityPeriod().toMillis());
        return Math.floorMod(hash("capacity", offerId, period), 100) < config.availabilityPercent();
    }

    private Price price(SandboxLineup.SimType type, String region, String zone, UsageClass usage, Instant at) {
        long period = Math.floorDiv(at.toEpochMilli(), config.pricePeriod().toMillis());
        int regional = (int) Math.floorMod(hash("od", type.spec().name() + "|" + region, period), 11) - 5;
        BigDecimal onDemand = type.baseUsdPerHour().multiply(BigDecimal.valueOf(100 + regional))
                .divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
        if (usage == UsageClass.ON_DEMAND) {
            return Price.usd(onDemand);
        }
        int percent = 30 + (int) Math.floorMod(hash("spot", type.spec().name() + "|" + region + "|" + zone, period), 31);
        return Price.usd(onDemand.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 4,
                RoundingMode.HALF_UP));
    }

    /** FNV-1a 64 over the UTF-8 key, mixed with the seed and a period number (SplitMix64 finaliser). */
    private long hash(String domain, String key, long period) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (domain + '\u0000' + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = h ^ (config.seed() * 0x9E3779B97F4A7C15L) ^ (period * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- write side

    @Override
    public synchronized ProviderInstance createInstance(CreateInstanceRequest request) {
        guard();
        String existing = byRefId.get(request.refId());
        if (existing != null) {
            return view(instances.get(existing));
        }
        SandboxLineup.SimRegion region = regions.get(request.region());
        if (region == null) {
            throw error(ErrorKind.INVALID_REQUEST, "region " + request.region() + " does not exist", "InvalidRegion");
        }
        SandboxLineup.SimType type = types.get(request.instanceType());
        if (type == null || !type.offeredIn(region.id())) {
            throw error(ErrorKind.INVALID_REQUEST,
                    "instance type " + request.instanceType() + " is not offered in " + region.id(), "InvalidType");
        }
        if (request.usage() == UsageClass.SPOT && !type.spot()) {
            throw error(ErrorKind.INVALID_REQUEST, request.instanceType() + " has no spot offer", "InvalidUsage");
        }
        Instant now = config.clock().instant();
        String zone = request.zone();
        if (region.zones().isEmpty()) {
            if (zone != null) {
                throw error(ErrorKind.INVALID_REQUEST, region.id() + " has no zones", "InvalidZone");
            }
        } else if (zone == null) {
            zone = region.zones().stream()
                    .filter(z -> launchable(type, region.id(), z, request.usage(), now))
                    .findFirst().orElse(region.zones().get(0));
        } else if (!region.zones().contains(zone)) {
            throw error(ErrorKind.INVALID_REQUEST, "zone " + zone + " is not in " + region.id(), "InvalidZone");
        }
        if (faults.hasQuotaError(region.id())) {
            throw error(ErrorKind.QUOTA_EXCEEDED, "quota exceeded in " + region.id() + " (injected)", "QuotaExceeded");
        }
        long live = instances.values().stream()
                .filter(i -> i.region.equals(region.id()) && i.state(now, config) != InstanceState.TERMINATED).count();
        if (live >= config.maxInstancesPerRegion()) {
            throw error(ErrorKind.QUOTA_EXCEEDED, "instance quota of " + config.maxInstancesPerRegion()
                    + " reached in " + region.id(), "QuotaExceeded");
        }
        String offerId = new OfferId(id(), region.id(), zone, type.spec().name(), request.usage()).toString();
        if (!launchable(type, region.id(), zone, request.usage(), now)) {
            throw error(ErrorKind.INSUFFICIENT_CAPACITY, "no capacity for " + offerId, "InsufficientCapacity");
        }
        sequence++;
        String instanceId = String.format("sbx-%012x", hash("instance", request.refId(), sequence) & 0xffffffffffffL);
        Map<String, String> tags = new LinkedHashMap<>(request.tags());
        tags.put(REF_ID_TAG, request.refId());
        if (request.credentialRef() != null) {
            tags.put(CREDENTIAL_TAG, request.credentialRef());
        }
        String name = request.name() == null || request.name().isBlank() ? "skyfleet-" + request.refId()
                : request.name();
        SimInstance instance = new SimInstance(instanceId, request.refId(), request.credentialRef(), name,
                region.id(), zone, type.spec().name(), request.usage(), tags, now, sequence);
        instances.put(instanceId, instance);
        byRefId.put(request.refId(), instanceId);
        return view(instance);
    }

    private boolean launchable(SandboxLineup.SimType type, String region, String zone, UsageClass usage, Instant at) {
        String offerId = new OfferId(id(), region, zone, type.spec().name(), usage).toString();
        return !faults.hasCapacityError(offerId) && hasCapacity(offerId, at);
    }

    @Override
    public synchronized void terminateInstance(String providerInstanceId) {
        guard();
        SimInstance instance = instances.get(providerInstanceId);
        if (instance == null) {
            return;
        }
        Instant now = config.clock().instant();
        InstanceState state = instance.state(now, config);
        if (state == InstanceState.TERMINATED || state == InstanceState.TERMINATING) {
            return;
        }
        instance.transition(SimInstance.Phase.TERMINATING, now);
    }

    @Override
    public synchronized Optional<ProviderInstance> getInstance(String providerInstanceId) {
        guard();
        return Optional.ofNullable(instances.get(providerInstanceId)).map(this::view);
    }

    @Override
    public synchronized List<ProviderInstance> listInstances(InstanceFilter filter) {
        guard();
        InstanceFilter f = filter == null ? InstanceFilter.ALL : filter;
        return instances.values().stream()
                .filter(i -> f.refId() == null || f.refId().equals(i.refId))
                .filter(i -> f.region() == null || f.region().equals(i.region))
                .sorted(Comparator.comparingLong(i -> i.sequence))
                .map(this::view).toList();
    }

    @Override
    public synchronized void rebootInstance(String providerInstanceId) {
        guard();
        SimInstance instance = require(providerInstanceId, Capability.REBOOT_INSTANCE);
        Instant now = config.clock().instant();
        if (instance.state(now, config) != InstanceState.RUNNING) {
            throw error(ErrorKind.INVALID_REQUEST, "reboot needs a running instance, " + providerInstanceId + " is "
                    + instance.state(now, config).wire(), "IncorrectState");
        }
        instance.reboots++;
    }

    @Override
    public synchronized void stopInstance(String providerInstanceId) {
        guard();
        SimInstance instance = require(providerInstanceId, Capability.STOP_START_INSTANCE);
        Instant now = config.clock().instant();
        InstanceState state = instance.state(now, config);
        if (state == InstanceState.STOPPED || state == InstanceState.STOPPING) {
            return;
        }
        if (state != InstanceState.RUNNING) {
            throw error(ErrorKind.INVALID_REQUEST, "stop needs a running instance, " + providerInstanceId + " is "
                    + state.wire(), "IncorrectState");
        }
        instance.transition(SimInstance.Phase.STOPPING, now);
    }

    @Override
    public synchronized void startInstance(String providerInstanceId) {
        guard();
        SimInstance instance = require(providerInstanceId, Capability.STOP_START_INSTANCE);
        Instant now = config.clock().instant();
        InstanceState state = instance.state(now, config);
        if (state == InstanceState.RUNNING || state == InstanceState.PENDING) {
            return;
        }
        if (state != InstanceState.STOPPED) {
            throw error(ErrorKind.INVALID_REQUEST, "start needs a stopped instance, " + providerInstanceId + " is "
                    + state.wire(), "IncorrectState");
        }
        instance.transition(SimInstance.Phase.STARTING, now);
    }

    /** How many instances were ever created (terminated ones included); the crash tests count with this. */
    public synchronized int createdCount() {
        return instances.size();
    }

    /** How often an instance was rebooted. */
    public synchronized int rebootCount(String providerInstanceId) {
        SimInstance i = instances.get(providerInstanceId);
        return i == null ? 0 : i.reboots;
    }

    private SimInstance require(String instanceId, Capability capability) {
        SimInstance instance = instances.get(instanceId);
        if (instance == null) {
            throw error(ErrorKind.NOT_FOUND, "instance " + instanceId + " does not exist", "NotFound");
        }
        if (!types.get(instance.instanceType).spec().capabilities().contains(capability)) {
            throw new ProviderException(id(), ErrorKind.NOT_SUPPORTED,
                    capability.wire() + " is not supported by " + instance.instanceType);
        }
        return instance;
    }

    private ProviderInstance view(SimInstance i) {
        Instant now = config.clock().instant();
        String raw = faults.rawStateOverride(i.id);
        if (raw == null) {
            raw = rawState(i.state(now, config));
        }
        InstanceState state = mapState(raw);
        boolean booted = state == InstanceState.RUNNING || state == InstanceState.STOPPING;
        String publicIp = booted ? "203.0.113." + (1 + (i.sequence % 254)) : null;
        String privateIp = state == InstanceState.TERMINATED ? null
                : "10.0." + ((i.sequence / 254) % 255) + "." + (1 + (i.sequence % 254));
        return new ProviderInstance(i.id, i.refId, i.credentialRef, i.name, i.region, i.zone, i.instanceType, state,
                raw, publicIp, privateIp, i.tags, i.createdAt);
    }

    static String rawState(InstanceState state) {
        return switch (state) {
            case PENDING -> "provisioning";
            case RUNNING -> "running";
            case STOPPING -> "stopping";
            case STOPPED -> "stopped";
            case TERMINATING -> "shutting-down";
            case TERMINATED -> "terminated";
            default -> "unknown";
        };
    }

    /** The sandbox's raw state → our state; anything unrecognised is UNKNOWN, never PENDING. */
    public static InstanceState mapState(String raw) {
        if (raw == null) {
            return InstanceState.UNKNOWN;
        }
        return switch (raw) {
            case "provisioning" -> InstanceState.PENDING;
            case "running" -> InstanceState.RUNNING;
            case "stopping" -> InstanceState.STOPPING;
            case "stopped" -> InstanceState.STOPPED;
            case "shutting-down" -> InstanceState.TERMINATING;
            case "terminated" -> InstanceState.TERMINATED;
            default -> InstanceState.UNKNOWN;
        };
    }

    private void guard() {
        if (faults.authFailure()) {
            throw error(ErrorKind.AUTHENTICATION_FAILED, "invalid credentials (injected)", "AuthFailure");
        }
        if (faults.outage()) {
            throw error(ErrorKind.PROVIDER_UNAVAILABLE, "service unavailable (injected outage)", "Unavailable");
        }
    }

    private ProviderException error(ErrorKind kind, String message, String code) {
        int status = switch (kind) {
            case AUTHENTICATION_FAILED -> 401;
            case NOT_FOUND -> 404;
            case PROVIDER_UNAVAILABLE -> 503;
            case RATE_LIMITED -> 429;
            default -> 400;
        };
        return new ProviderException(id(), kind, message, code, status, null, null);
    }

    /** One simulated instance; its state is computed from its last transition and the clock. */
    static final class SimInstance {
        enum Phase { LAUNCHING, STOPPING, STARTING, TERMINATING }

        final String id;
        final String refId;
        final String credentialRef;
        final String name;
        final String region;
        final String zone;
        final String instanceType;
        final UsageClass usage;
        final Map<String, String> tags;
        final Instant createdAt;
        final long sequence;
        Phase phase = Phase.LAUNCHING;
        Instant phaseStartedAt;
        int reboots;

        SimInstance(String id, String refId, String credentialRef, String name, String region, String zone,
                String instanceType, UsageClass usage, Map<String, String> tags, Instant createdAt, long sequence) {
            this.id = id;
            this.refId = refId;
            this.credentialRef = credentialRef;
            this.name = name;
            this.region = region;
            this.zone = zone;
            this.instanceType = instanceType;
            this.usage = usage;
            this.tags = Map.copyOf(tags);
            this.createdAt = createdAt;
            this.sequence = sequence;
            this.phaseStartedAt = createdAt;
        }

        void transition(Phase next, Instant at) {
            phase = next;
            phaseStartedAt = at;
        }

        InstanceState state(Instant now, SandboxConfig config) {
            Duration elapsed = Duration.between(phaseStartedAt, now);
            return switch (phase) {
                case LAUNCHING, STARTING -> elapsed.compareTo(config.launchDelay()) >= 0 ? InstanceState.RUNNING
                        : InstanceState.PENDING;
                case STOPPING -> elapsed.compareTo(config.stopDelay()) >= 0 ? InstanceState.STOPPED
                        : InstanceState.STOPPING;
                case TERMINATING -> elapsed.compareTo(config.terminateDelay()) >= 0 ? InstanceState.TERMINATED
                        : InstanceState.TERMINATING;
            };
        }
    }
}
