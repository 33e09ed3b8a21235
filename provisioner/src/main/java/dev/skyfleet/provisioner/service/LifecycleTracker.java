package dev.skyfleet.provisioner.service;

import dev.skyfleet.model.InstanceState;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.config.ProvisionerConfig;
import dev.skyfleet.provisioner.repository.InstanceRepository;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows launched instances at their provider: pending → running (or failed after the provider's launch
 * timeout, terminating what was launched), stopping → stopped, terminating → terminated; retries terminates
 * that failed; and runs the reconciler for attempts left in doubt.
 */
@ApplicationScoped
public class LifecycleTracker {
    private static final Logger LOG = Logger.getLogger(LifecycleTracker.class);
    private static final Duration DB = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final InstanceRepository instances;
    private final InstanceLifecycle lifecycle;
    private final ProviderDirectory providers;
    private final ProvisioningWorker worker;
    private final Reconciler reconciler;
    private final CapacityCache cache;
    private final ProvisionerConfig config;

    public LifecycleTracker(InstanceRepository instances, InstanceLifecycle lifecycle, ProviderDirectory providers,
            ProvisioningWorker worker, Reconciler reconciler, CapacityCache cache, ProvisionerConfig config) {
        this.instances = instances;
        this.lifecycle = lifecycle;
        this.providers = providers;
        this.worker = worker;
        this.reconciler = reconciler;
        this.cache = cache;
        this.config = config;
    }

    @Scheduled(every = "${skyfleet.provisioner.lifecycle.poll-interval}", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            reconciler.reconcileInDoubt();
            track();
        } catch (RuntimeException e) {
            LOG.warnf(e, "lifecycle round failed; retried next round");
        }
    }

    /** One round over launched instances; returns how many changed. */
    public int track() {
        List<InstanceRow> rows = instances.inStates(List.of(InstanceState.PENDING, InstanceState.RUNNING,
                InstanceState.STOPPING, InstanceState.STOPPED, InstanceState.TERMINATING, InstanceState.UNKNOWN),
                lifecycle.now(), config.lifecycle().batchSize()).await().atMost(DB);
        int changed = 0;
        for (InstanceRow row : rows) {
            if (row.providerInstanceId() == null) {
                continue;
            }
            try {
                if (follow(row)) {
                    changed++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("following %s failed (%s); retried next round", row.id(), e.getClass().getSimpleName());
            }
        }
        return changed;
    }

    private boolean follow(InstanceRow row) {
        if (row.terminateRequested() && row.state() != InstanceState.TERMINATING) {
            // the terminate command normally does this within moments; retry only one that seems lost or failed
            Duration quiet = config.lifecycle().pollInterval().multipliedBy(5);
            if (row.updatedAt().plus(quiet.compareTo(RETRY_AFTER) > 0 ? quiet : RETRY_AFTER)
                    .isBefore(lifecycle.now())) {
                worker.terminate(row.id());
                return true;
            }
            return false;
        }
        boolean waiting = row.state() == InstanceState.PENDING || row.state() == InstanceState.STOPPING
                || row.state() == InstanceState.TERMINATING || row.state() == InstanceState.UNKNOWN;
        if (!waiting) {
            return false;
        }
        Optional<CloudProvider> provider = providers.find(row.provider());
        if (provider.isEmpty()) {
            return false;
        }
        Optional<ProviderInstance> seen;
        try {
            seen = provider.get().getInstance(row.providerInstanceId());
        } catch (ProviderException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                return false;
            }
            seen = Optional.empty();
        }
        if (row.state() == InstanceState.TERMINATING) {
            if (seen.isEmpty() || seen.get().state() == InstanceState.TERMINATED) {
                return moved(row, InstanceState.TERMINATING, InstanceState.TERMINATED, "terminated",
                        "terminated at " + row.provider(), null);
            }
            return false;
        }
        if (seen.isEmpty() && row.state() == InstanceState.PENDING) {
            // just launched: some APIs do not list a new machine at once; the launch timeout still applies
            return timedOut(row, provider.get());
        }
        if (seen.isEmpty()) {
            return moved(row, row.state(), InstanceState.FAILED, "lost", "the provider no longer knows "
                    + row.providerInstanceId(), "instance disappeared at the provider");
        }
        ProviderInstance at = seen.get();
        if (row.state() == InstanceState.STOPPING) {
            return at.state() == InstanceState.STOPPED
                    && moved(row, InstanceState.STOPPING, InstanceState.STOPPED, "stopped", "stopped", null);
        }
        switch (at.state()) {
            case RUNNING -> {
                return lifecycle.transition(row.id(), current -> current.state() == row.state()
                        && !current.terminateRequested()
                                ? Change.to(InstanceState.RUNNING, "running", "running at " + row.provider()
                                        + (at.publicIp() == null ? "" : " on " + at.publicIp()))
                                        .withAddresses(at.publicIp(), at.privateIp())
                                : null).await().atMost(DB) != null;
            }
            case FAILED, TERMINATED -> {
                // the launch failed at the provider after it was accepted (asynchronous create): fail over
                cache.offerUnavailable(row.offerId());
                lifecycle.transition(row.id(), current -> current.state() == row.state()
                        && row.providerInstanceId().equals(current.providerInstanceId())
                                ? Change.to(InstanceState.PENDING, "capacity-error", row.provider() + " reported "
                                        + at.rawState() + " for " + row.providerInstanceId()
                                        + " after accepting it; trying the next offer").withoutProviderInstance()
                                : null).await().atMost(DB);
                worker.create(row.id());
                return true;
            }
            default -> {
                return timedOut(row, provider.get());
            }
        }
    }

    private boolean timedOut(InstanceRow row, CloudProvider provider) {
        Duration timeout = config.launch().timeouts().getOrDefault(row.provider(), config.launch().timeout());
        Instant deadline = row.stateSince().plus(timeout);
        if (lifecycle.now().isBefore(deadline)) {
            return false;
        }
        try {
            provider.terminateInstance(row.providerInstanceId());
        } catch (ProviderException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                LOG.warnf("terminating %s after its launch timeout failed; retried next round", row.id());
                return false;
            }
        }
        String reason = "did not reach running within " + timeout.toSeconds() + " s; terminated";
        return moved(row, row.state(), InstanceState.FAILED, "launch-timeout", reason, reason);
    }

    private boolean moved(InstanceRow row, InstanceState from, InstanceState to, String event, String message,
            String failure) {
        return lifecycle.transition(row.id(), current -> current.state() != from ? null
                : failure == null ? Change.to(to, event, message) : Change.failed(event, failure))
                .await().atMost(DB) != null;
    }
}
