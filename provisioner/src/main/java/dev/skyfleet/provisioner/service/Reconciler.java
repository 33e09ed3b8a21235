package dev.skyfleet.provisioner.service;

import dev.skyfleet.model.CommandType;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.LaunchAttempt;
import dev.skyfleet.provisioner.config.ProvisionerConfig;
import dev.skyfleet.provisioner.repository.AttemptRepository;
import dev.skyfleet.provisioner.repository.InstanceRepository;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Settles launch attempts left in doubt (recorded, but the worker died before the provider's answer was written)
 * by asking the provider for instances carrying the attempt's reference. Found: adopted. Not found: marked
 * not-launched and the create resumes with the next candidate. One request never yields two machines.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration DB = Duration.ofSeconds(30);

    private final Pool pool;
    private final InstanceRepository instances;
    private final AttemptRepository attempts;
    private final InstanceLifecycle lifecycle;
    private final ProviderDirectory providers;
    private final ProvisioningWorker worker;
    private final ProvisionerConfig config;

    public Reconciler(Pool pool, InstanceRepository instances, AttemptRepository attempts,
            InstanceLifecycle lifecycle, ProviderDirectory providers, ProvisioningWorker worker,
            ProvisionerConfig config) {
        this.pool = pool;
        this.instances = instances;
        this.attempts = attempts;
        this.lifecycle = lifecycle;
        this.providers = providers;
        this.worker = worker;
        this.config = config;
    }

    /** Reconciles every attempt in flight for longer than the in-doubt grace period; returns how many. */
    public int reconcileInDoubt() {
        List<LaunchAttempt> inDoubt = attempts.inDoubt(lifecycle.now().minus(config.launch().inDoubtGrace()),
                config.lifecycle().batchSize()).await().atMost(DB);
        int settled = 0;
        for (LaunchAttempt attempt : inDoubt) {
            try {
                if (reconcile(attempt)) {
                    settled++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("reconciling attempt %s failed (%s); retried next round", attempt.refId(),
                        e.getClass().getSimpleName());
            }
        }
        return settled;
    }

    boolean reconcile(LaunchAttempt attempt) {
        if (worker.isRunningHere(attempt.refId())) {
            // a slow provider call of this very process (Lambda launches wait up to 12 s): not in doubt
            return false;
        }
        Optional<CloudProvider> provider = providers.find(attempt.provider());
        if (provider.isEmpty()) {
            return false;
        }
        List<ProviderInstance> found = provider.get().listInstances(InstanceFilter.byRefId(attempt.refId()))
                .stream().filter(i -> attempt.refId().equals(i.refId())).toList();
        if (!found.isEmpty()) {
            ProviderInstance keep = found.get(0);
            for (ProviderInstance extra : found.subList(1, found.size())) {
                LOG.warnf("attempt %s has more than one machine; terminating %s", attempt.refId(),
                        extra.providerInstanceId());
                provider.get().terminateInstance(extra.providerInstanceId());
            }
            LOG.infof("attempt %s was in doubt: found %s at %s, adopted", attempt.refId(), keep.providerInstanceId(),
                    attempt.provider());
            worker.recordLaunched(attempt, keep, LaunchAttempt.Status.ADOPTED, "reconciled",
                    "attempt " + attempt.attempt() + " was interrupted; found " + keep.providerInstanceId() + " at "
                            + attempt.provider() + " and adopted it", provider.get());
            return true;
        }
        LOG.infof("attempt %s was in doubt: nothing at %s, resuming the create", attempt.refId(), attempt.provider());
        InstanceRow row = pool.withTransaction(client -> instances.lock(client, attempt.instanceId())
                .flatMap(current -> attempts.settle(client, attempt.instanceId(), attempt.attempt(),
                        LaunchAttempt.Status.NOT_LAUNCHED, null, null, "interrupted before the provider launched",
                        lifecycle.now())
                        .flatMap(settled -> {
                            if (!settled) {
                                return Uni.createFrom().<InstanceRow>nullItem();
                            }
                            String message = "attempt " + attempt.attempt() + " was interrupted before "
                                    + attempt.provider() + " launched anything";
                            return lifecycle.record(client, current, Change.event("reconciled", message))
                                    .call(next -> lifecycle.enqueue(client, next, next.terminateRequested()
                                            ? CommandType.TERMINATE : CommandType.CREATE));
                        })))
                .invoke(lifecycle::wake).await().atMost(DB);
        return row != null;
    }
}
