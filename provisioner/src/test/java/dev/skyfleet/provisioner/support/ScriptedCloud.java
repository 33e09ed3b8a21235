package dev.skyfleet.provisioner.support;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.Region;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of a cloud's write side whose answers a test scripts per instance type: fail the next launches
 * with an error kind, "crash" the worker before or after the machine exists, never boot. Like Lambda Cloud it has
 * no idempotency token: a second create with the same reference makes a second machine, so duplicate-launch
 * tests really test the provisioner. Machines boot on the first status read after create.
 */
public final class ScriptedCloud implements CloudProvider {

    /** Thrown to simulate the worker process dying at a precise point (an Error: nothing catches it). */
    public static final class SimulatedCrash extends Error {
        public SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    /** What the next launch of an instance type does. */
    public enum Script { CRASH_BEFORE_CREATE, CRASH_AFTER_CREATE, NEVER_BOOT, FAIL_AFTER_ACCEPT }

    private final String id;
    private final Set<Capability> capabilities;
    private final Map<String, Deque<Object>> scripts = new ConcurrentHashMap<>();
    private final Map<String, ProviderInstance> machines = new ConcurrentHashMap<>();
    private final Set<String> neverBoot = ConcurrentHashMap.newKeySet();
    private final Set<String> failAfterAccept = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    public ScriptedCloud(String id, Set<Capability> capabilities) {
        this.id = id;
        this.capabilities = Set.copyOf(capabilities);
    }

    public static Set<Capability> full() {
        return EnumSet.of(Capability.CREATE_INSTANCE, Capability.TERMINATE_INSTANCE,
                Capability.CREATE_TERMINATE_INSTANCE, Capability.INSTANCE_USERDATA, Capability.TAGS,
                Capability.REBOOT_INSTANCE, Capability.STOP_START_INSTANCE);
    }

    /** The next launch of this type fails with this kind. */
    public void failNext(String instanceType, ErrorKind kind) {
        scripts.computeIfAbsent(instanceType, k -> new ConcurrentLinkedDeque<>()).add(kind);
    }

    /** The next launch of this type follows the script. */
    public void next(String instanceType, Script script) {
        scripts.computeIfAbsent(instanceType, k -> new ConcurrentLinkedDeque<>()).add(script);
    }

    /** Machines launched with a reference starting with this prefix (an instance id), whatever their state. */
    public List<ProviderInstance> machinesOf(String refPrefix) {
        return machines.values().stream().filter(m -> m.refId() != null && m.refId().startsWith(refPrefix + "-"))
                .toList();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public List<Region> listRegions() {
        return List.of();
    }

    @Override
    public List<InstanceTypeSpec> listInstanceTypes() {
        return List.of();
    }

    @Override
    public List<Offer> listOffers() {
        return List.of();
    }

    @Override
    public ProviderInstance createInstance(CreateInstanceRequest request) {
        calls.add("create " + request.refId() + " " + request.instanceType());
        if (request.sshPublicKey() == null) {
            throw new ProviderException(id, ErrorKind.INVALID_REQUEST, "ssh key missing");
        }
        Deque<Object> script = scripts.get(request.instanceType());
        Object step = script == null ? null : script.poll();
        if (step instanceof ErrorKind kind) {
            throw new ProviderException(id, kind, "scripted " + kind.name().toLowerCase(), "scripted/" + kind, 400,
                    null, null);
        }
        if (step == Script.CRASH_BEFORE_CREATE) {
            throw new SimulatedCrash("before the provider created " + request.refId());
        }
        ProviderInstance machine = new ProviderInstance("m-" + id + "-" + sequence.incrementAndGet(),
                request.refId(), request.credentialRef(), request.name(), request.region(), request.zone(),
                request.instanceType(), InstanceState.PENDING, "booting", null, null, request.tags(), Instant.now());
        machines.put(machine.providerInstanceId(), machine);
        if (step == Script.NEVER_BOOT) {
            neverBoot.add(machine.providerInstanceId());
        }
        if (step == Script.FAIL_AFTER_ACCEPT) {
            failAfterAccept.add(machine.providerInstanceId());
        }
        if (step == Script.CRASH_AFTER_CREATE) {
            throw new SimulatedCrash("after the provider created " + machine.providerInstanceId());
        }
        return machine;
    }

    @Override
    public void terminateInstance(String providerInstanceId) {
        calls.add("terminate " + providerInstanceId);
        machines.computeIfPresent(providerInstanceId, (k, m) -> with(m, InstanceState.TERMINATED, "terminated"));
    }

    @Override
    public Optional<ProviderInstance> getInstance(String providerInstanceId) {
        ProviderInstance machine = machines.computeIfPresent(providerInstanceId, (k, m) -> {
            if (m.state() != InstanceState.PENDING || neverBoot.contains(k)) {
                return m;
            }
            return failAfterAccept.contains(k) ? with(m, InstanceState.FAILED, "error")
                    : with(m, InstanceState.RUNNING, "active");
        });
        return Optional.ofNullable(machine);
    }

    @Override
    public List<ProviderInstance> listInstances(InstanceFilter filter) {
        calls.add("list " + filter.refId());
        return machines.values().stream()
                .filter(m -> filter.refId() == null || filter.refId().equals(m.refId()))
                .filter(m -> filter.region() == null || filter.region().equals(m.region()))
                .toList();
    }

    @Override
    public void rebootInstance(String providerInstanceId) {
        if (!capabilities.contains(Capability.REBOOT_INSTANCE)) {
            throw ProviderException.notSupported(id, "reboot-instance");
        }
        calls.add("reboot " + providerInstanceId);
    }

    @Override
    public void stopInstance(String providerInstanceId) {
        calls.add("stop " + providerInstanceId);
        machines.computeIfPresent(providerInstanceId, (k, m) -> with(m, InstanceState.STOPPED, "stopped"));
    }

    @Override
    public void startInstance(String providerInstanceId) {
        calls.add("start " + providerInstanceId);
        machines.computeIfPresent(providerInstanceId, (k, m) -> with(m, InstanceState.PENDING, "booting"));
    }

    private static ProviderInstance with(ProviderInstance m, InstanceState state, String raw) {
        return new ProviderInstance(m.providerInstanceId(), m.refId(), m.credentialRef(), m.name(), m.region(),
                m.zone(), m.instanceType(), state, raw, state == InstanceState.RUNNING ? "203.0.113.10" : null,
                state == InstanceState.RUNNING ? "10.0.0.10" : null, m.tags(), m.createdAt());
    }
}
