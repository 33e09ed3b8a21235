package dev.skyfleet.provisioner.service;

import dev.skyfleet.model.CommandType;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.ProvisioningCommand;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.LaunchAttempt;
import dev.skyfleet.provisioner.OfferView;
import dev.skyfleet.provisioner.config.ProvisionerConfig;
import dev.skyfleet.provisioner.repository.AttemptRepository;
import dev.skyfleet.provisioner.repository.InstanceRepository;
import dev.skyfleet.provisioner.repository.ProcessedCommandRepository;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Carries out provisioning commands (blocking: it calls providers). Create walks the candidate offers: each
 * attempt is recorded before the provider is called; capacity errors mark the offer unavailable and move on,
 * quota errors block the provider-region, authentication errors fail fast.
 */
@ApplicationScoped
public class ProvisioningWorker {
    private static final Logger LOG = Logger.getLogger(ProvisioningWorker.class);
    private static final Duration DB = Duration.ofSeconds(30);

    private final Pool pool;
    private final InstanceRepository instances;
    private final AttemptRepository attempts;
    private final ProcessedCommandRepository processed;
    private final InstanceLifecycle lifecycle;
    private final CandidateSelector selector;
    private final ProviderDirectory providers;
    private final CapacityCache cache;
    private final ProvisionerConfig config;
    private final MeterRegistry metrics;
    private final java.util.Set<String> runningHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ProvisioningWorker(Pool pool, InstanceRepository instances, AttemptRepository attempts,
            ProcessedCommandRepository processed, InstanceLifecycle lifecycle, CandidateSelector selector,
            ProviderDirectory providers, CapacityCache cache, ProvisionerConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.instances = instances;
        this.attempts = attempts;
        this.processed = processed;
        this.lifecycle = lifecycle;
        this.selector = selector;
        this.providers = providers;
        this.cache = cache;
        this.config = config;
        this.metrics = metrics;
    }

    /** Handles one command; a command already handled is ignored. */
    public void handle(ProvisioningCommand command) {
        if (processed.seen(command.commandId()).await().atMost(DB)) {
            LOG.debugf("command %s already handled", command.commandId());
            return;
        }
        switch (command.type()) {
            case CREATE -> create(command.instanceId());
            case TERMINATE -> terminate(command.instanceId());
            case REBOOT, STOP, START -> act(command.instanceId(), command.type());
        }
        processed.markDone(command.commandId(), lifecycle.now()).await().atMost(DB);
    }

    // ---- create ----

    void create(String instanceId) {
        int maxAttempts = config.failover().maxAttempts();
        while (true) {
            InstanceRow row = instances.findAny(instanceId).await().atMost(DB);
            if (row == null) {
                LOG.warnf("create for unknown instance %s ignored", instanceId);
                return;
            }
            List<LaunchAttempt> tried = attempts.forInstance(instanceId).await().atMost(DB);
            if (!launchable(row, tried)) {
                return;
            }
            if (row.terminateRequested()) {
                lifecycle.transition(instanceId, current -> current.providerInstanceId() == null
                        ? Change.to(InstanceState.TERMINATED, "terminated", "terminated before any launch")
                        : null).await().atMost(DB);
                return;
            }
            if (tried.size() >= maxAttempts) {
                fail(instanceId, "no-capacity", "gave up after " + tried.size() + " launch attempts: "
                        + summary(tried));
                return;
            }
            CandidateSelector.Selection selection = selector.select(row, tried).await().atMost(DB);
            if (selection.refusal() != null) {
                CandidateSelector.Refusal refusal = selection.refusal();
                fail(instanceId, refusal.capability() == null ? "placement-refused" : "capability-refused",
                        refusal.reason());
                return;
            }
            if (selection.candidates().isEmpty()) {
                fail(instanceId, "no-candidate", "no offer left to try"
                        + (tried.isEmpty() ? "" : " after " + tried.size() + " attempts (" + summary(tried) + ")")
                        + (selection.skipped().isEmpty() ? "" : "; skipped: " + skipped(selection.skipped())));
                return;
            }
            OfferView offer = selection.candidates().get(0);
            LaunchAttempt attempt = recordAttempt(row, offer, tried.size() + 1);
            if (attempt == null) {
                return;
            }
            if (!launch(row, offer, attempt)) {
                return;
            }
        }
    }

    private static boolean launchable(InstanceRow row, List<LaunchAttempt> tried) {
        if (row.state() != InstanceState.REQUESTED && row.state() != InstanceState.PENDING) {
            return false;
        }
        if (row.providerInstanceId() != null) {
            return false;
        }
        // an attempt without an answer is in doubt: only reconciliation may decide what happened
        return tried.stream().noneMatch(a -> a.status() == LaunchAttempt.Status.IN_FLIGHT);
    }

    /** Writes the attempt (in flight) and the event before the provider is called; null when no longer launchable. */
    private LaunchAttempt recordAttempt(InstanceRow seen, OfferView offer, int number) {
        String refId = seen.id() + "-" + number;
        return pool.withTransaction(client -> instances.lock(client, seen.id()).flatMap(row -> attempts
                .forInstance(client, seen.id()).flatMap(current -> {
                    if (row == null || row.terminateRequested() || !launchable(row, current)
                            || current.size() + 1 != number) {
                        return Uni.createFrom().<LaunchAttempt>nullItem();
                    }
                    LaunchAttempt attempt = new LaunchAttempt(row.id(), number, offer.offerId(), offer.provider(),
                            offer.region(), refId, LaunchAttempt.Status.IN_FLIGHT, null, null, null, lifecycle.now(),
                            null);
                    return attempts.insert(client, attempt)
                            .flatMap(v -> lifecycle.record(client, row, Change.to(InstanceState.PENDING,
                                    "launch-attempted", "attempt " + number + " on " + offer.offerId()
                                            + (offer.price() == null ? "" : " at " + offer.price()))
                                    .withOffer(offer)))
                            .replaceWith(attempt);
                }))).invoke(lifecycle::wake).await().atMost(DB);
    }

    /** Whether this process is carrying out the attempt right now (then it is not in doubt, however long it takes). */
    public boolean isRunningHere(String refId) {
        return runningHere.contains(refId);
    }

    /** Calls the provider for one attempt. Returns true when the next candidate should be tried. */
    private boolean launch(InstanceRow row, OfferView offer, LaunchAttempt attempt) {
        runningHere.add(attempt.refId());
        try {
            return launchNow(row, offer, attempt);
        } finally {
            runningHere.remove(attempt.refId());
        }
    }

    private boolean launchNow(InstanceRow row, OfferView offer, LaunchAttempt attempt) {
        CloudProvider provider = providers.find(offer.provider()).orElseThrow();
        CreateInstanceRequest request = request(row, offer, attempt);
        ProviderInstance launched;
        try {
            launched = provider.createInstance(request);
        } catch (ProviderException e) {
            return onProviderError(row, offer, attempt, provider, e);
        } catch (RuntimeException e) {
            LOG.warnf("launch attempt %s on %s ended with an unexpected %s; reconciling", attempt.refId(),
                    offer.offerId(), e.getClass().getSimpleName());
            return afterUncertainFailure(row, offer, attempt, provider, "unexpected error during launch");
        }
        count("launched", offer.provider());
        recordLaunched(attempt, launched, LaunchAttempt.Status.LAUNCHED, "launched",
                "launched on " + offer.offerId() + " as " + launched.providerInstanceId(), provider);
        return false;
    }

    private boolean onProviderError(InstanceRow row, OfferView offer, LaunchAttempt attempt, CloudProvider provider,
            ProviderException e) {
        ErrorKind kind = e.kind();
        count(kind.name().toLowerCase(java.util.Locale.ROOT), offer.provider());
        switch (kind) {
            case INSUFFICIENT_CAPACITY -> {
                cache.offerUnavailable(offer.offerId());
                settleFailed(attempt, kind, "capacity-error", "insufficient capacity on " + offer.offerId()
                        + "; offer skipped for " + config.failover().unavailableTtl().toSeconds() + " s");
                return true;
            }
            case QUOTA_EXCEEDED -> {
                cache.regionBlocked(offer.provider(), offer.region());
                settleFailed(attempt, kind, "quota-error", "quota exceeded at " + offer.provider() + " in "
                        + offer.region() + "; provider-region skipped for "
                        + config.failover().unavailableTtl().toSeconds() + " s");
                return true;
            }
            case AUTHENTICATION_FAILED -> {
                cache.providerBlocked(offer.provider());
                settleFailed(attempt, kind, "auth-error", "provider " + offer.provider()
                        + " refused the credentials");
                fail(row.id(), "authentication-failed", "provider " + offer.provider()
                        + " refused the credentials; not retried");
                return false;
            }
            case PROVIDER_UNAVAILABLE -> {
                return afterUncertainFailure(row, offer, attempt, provider, "provider unavailable");
            }
            default -> {
                settleFailed(attempt, kind, "launch-error", kind.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + " at " + offer.provider() + safeDetail(e));
                return true;
            }
        }
    }

    /**
     * The provider may or may not have launched (timeout, 5xx after accepting, unknown error): ask it by reference
     * before going on, so the attempt never becomes a second machine.
     */
    private boolean afterUncertainFailure(InstanceRow row, OfferView offer, LaunchAttempt attempt,
            CloudProvider provider, String what) {
        Optional<ProviderInstance> found;
        try {
            found = provider.listInstances(InstanceFilter.byRefId(attempt.refId())).stream()
                    .filter(i -> attempt.refId().equals(i.refId())).findFirst();
        } catch (RuntimeException listError) {
            LOG.warnf("cannot reconcile attempt %s now (%s); left in doubt for the reconciler", attempt.refId(),
                    listError.getClass().getSimpleName());
            return false;
        }
        if (found.isPresent()) {
            recordLaunched(attempt, found.get(), LaunchAttempt.Status.ADOPTED, "reconciled",
                    what + ", but the launch had happened: adopted " + found.get().providerInstanceId(), provider);
            return false;
        }
        settleFailed(attempt, ErrorKind.PROVIDER_UNAVAILABLE, "launch-error", what + " at " + offer.provider()
                + "; nothing was launched");
        return true;
    }

    private void settleFailed(LaunchAttempt attempt, ErrorKind kind, String event, String message) {
        pool.withTransaction(client -> instances.lock(client, attempt.instanceId()).flatMap(row -> attempts
                .settle(client, attempt.instanceId(), attempt.attempt(), LaunchAttempt.Status.FAILED, null,
                        kind.name(), message, lifecycle.now())
                .flatMap(settled -> settled ? lifecycle.record(client, row, Change.event(event, message))
                        : Uni.createFrom().item(row))))
                .invoke(lifecycle::wake).await().atMost(DB);
    }

    /**
     * Records that an attempt produced a machine. If someone else already settled the attempt (a reconciler
     * decided it never launched), the machine is an orphan and is terminated at once: one request, one machine.
     */
    void recordLaunched(LaunchAttempt attempt, ProviderInstance launched, LaunchAttempt.Status status, String event,
            String message, CloudProvider provider) {
        InstanceState state = launched.state() == InstanceState.RUNNING ? InstanceState.RUNNING
                : InstanceState.PENDING;
        Boolean recorded = pool.withTransaction(client -> instances.lock(client, attempt.instanceId())
                .flatMap(row -> attempts.settle(client, attempt.instanceId(), attempt.attempt(), status,
                        launched.providerInstanceId(), null, message, lifecycle.now())
                        .flatMap(settled -> !settled ? Uni.createFrom().item(false)
                                : lifecycle.record(client, row, Change.to(state, event, message)
                                        .withProviderInstance(launched.providerInstanceId(), launched.publicIp(),
                                                launched.privateIp()))
                                        .replaceWith(true))))
                .invoke(lifecycle::wake).await().atMost(DB);
        if (!recorded) {
            LOG.warnf("attempt %s was settled elsewhere; terminating orphan %s", attempt.refId(),
                    launched.providerInstanceId());
            provider.terminateInstance(launched.providerInstanceId());
            return;
        }
        InstanceRow row = instances.findAny(attempt.instanceId()).await().atMost(DB);
        if (row.terminateRequested()) {
            terminate(row.id());
        }
    }

    private void fail(String instanceId, String event, String reason) {
        lifecycle.transition(instanceId, row -> row.state().isFinal() ? null : Change.failed(event, reason))
                .await().atMost(DB);
        count("failed", "-");
    }

    // ---- terminate ----

    void terminate(String instanceId) {
        InstanceRow row = instances.findAny(instanceId).await().atMost(DB);
        if (row == null || row.state() == InstanceState.TERMINATED) {
            return;
        }
        List<LaunchAttempt> tried = attempts.forInstance(instanceId).await().atMost(DB);
        if (tried.stream().anyMatch(a -> a.status() == LaunchAttempt.Status.IN_FLIGHT)) {
            // the launch in flight (or its reconciliation) sees terminate_requested and terminates what it gets
            return;
        }
        if (row.providerInstanceId() == null) {
            lifecycle.transition(instanceId, current -> current.providerInstanceId() == null
                    && !current.state().isFinal()
                            ? Change.to(InstanceState.TERMINATED, "terminated", "terminated before any launch")
                            : null).await().atMost(DB);
            return;
        }
        Optional<CloudProvider> provider = providers.find(row.provider());
        if (provider.isEmpty()) {
            lifecycle.transition(instanceId, current -> Change.event("terminate-error", "provider "
                    + row.provider() + " is not configured here; retried later")).await().atMost(DB);
            return;
        }
        try {
            provider.get().terminateInstance(row.providerInstanceId());
        } catch (ProviderException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                lifecycle.transition(instanceId, current -> Change.event("terminate-error", "terminate failed at "
                        + row.provider() + " (" + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + "); retried later")).await().atMost(DB);
                return;
            }
        }
        lifecycle.transition(instanceId, current -> current.state() == InstanceState.TERMINATED
                || current.state() == InstanceState.TERMINATING ? null
                        : Change.to(InstanceState.TERMINATING, "terminating",
                                "terminate sent to " + row.provider() + " for " + row.providerInstanceId()))
                .await().atMost(DB);
    }

    // ---- reboot / stop / start ----

    void act(String instanceId, CommandType action) {
        InstanceRow row = instances.findAny(instanceId).await().atMost(DB);
        if (row == null || row.providerInstanceId() == null || row.terminateRequested()) {
            return;
        }
        Optional<CloudProvider> provider = providers.find(row.provider());
        if (provider.isEmpty()) {
            return;
        }
        try {
            switch (action) {
                case REBOOT -> provider.get().rebootInstance(row.providerInstanceId());
                case STOP -> provider.get().stopInstance(row.providerInstanceId());
                case START -> provider.get().startInstance(row.providerInstanceId());
                default -> throw new IllegalArgumentException(action.wire());
            }
        } catch (ProviderException e) {
            lifecycle.transition(instanceId, current -> Change.event(action.wire() + "-refused", action.wire()
                    + " refused by " + row.provider() + ": " + e.kind().name().toLowerCase(java.util.Locale.ROOT)))
                    .await().atMost(DB);
            return;
        }
        Change change = switch (action) {
            case REBOOT -> Change.event("rebooted", "reboot sent to " + row.provider());
            case STOP -> Change.to(InstanceState.STOPPING, "stopping", "stop sent to " + row.provider());
            default -> Change.to(InstanceState.PENDING, "starting", "start sent to " + row.provider());
        };
        lifecycle.transition(instanceId, current -> change).await().atMost(DB);
    }

    // ---- helpers ----

    private static CreateInstanceRequest request(InstanceRow row, OfferView offer, LaunchAttempt attempt) {
        Map<String, String> tags = new LinkedHashMap<>(row.tags());
        tags.put("skyfleet-instance", row.id());
        tags.put("skyfleet-tenant", row.tenant());
        return new CreateInstanceRequest(attempt.refId(), "skyfleet-" + offer.provider(), row.name(), offer.region(),
                offer.zone(), offer.instanceType(), offer.usage(), row.sshPublicKey(), row.userData(), null, tags);
    }

    private static String summary(List<LaunchAttempt> tried) {
        return tried.stream().map(a -> a.offerId() + " " + a.status().wire()
                + (a.errorKind() == null ? "" : " " + a.errorKind().toLowerCase(java.util.Locale.ROOT)))
                .collect(Collectors.joining(", "));
    }

    private static String skipped(Map<String, String> skipped) {
        return skipped.entrySet().stream().limit(10).map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", ")) + (skipped.size() > 10 ? ", ..." : "");
    }

    private static String safeDetail(ProviderException e) {
        return e.providerCode() == null ? "" : " (" + e.providerCode() + ")";
    }

    private void count(String outcome, String provider) {
        metrics.counter("skyfleet.provisioner.launch.outcomes", "outcome", outcome, "provider", provider).increment();
    }
}
