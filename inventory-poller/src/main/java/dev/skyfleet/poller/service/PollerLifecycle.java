package dev.skyfleet.poller.service;

import dev.skyfleet.poller.config.PollerConfig;
import dev.skyfleet.poller.messaging.StateRestorer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Startup order: topics exist ({@code TopicInitializer}, earlier observer) → providers registered from
 * configuration → last published state read back from the compacted topics → statuses published → schedules
 * start. The restore runs in the background; readiness stays down until it is done.
 */
@ApplicationScoped
public class PollerLifecycle {
    private static final Logger LOG = Logger.getLogger(PollerLifecycle.class);

    private final PollerConfig config;
    private final ProviderRegistry registry;
    private final ProviderWiring wiring;
    private final PollService polls;
    private final PollScheduler scheduler;
    private final Clock clock;
    private final String bootstrap;
    private volatile boolean ready;
    private volatile String problem = "restoring the last published state";
    private volatile Thread starter;

    public PollerLifecycle(PollerConfig config, ProviderRegistry registry, ProviderWiring wiring, PollService polls,
            PollScheduler scheduler, Clock clock, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.config = config;
        this.registry = registry;
        this.wiring = wiring;
        this.polls = polls;
        this.scheduler = scheduler;
        this.clock = clock;
        this.bootstrap = bootstrap;
    }

    void onStart(@Observes StartupEvent event) {
        wiring.feeds().forEach(registry::register);
        starter = new Thread(this::restoreThenStart, "poller-start");
        starter.setDaemon(true);
        starter.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
        }
        scheduler.close();
    }

    private void restoreThenStart() {
        Duration backoff = Duration.ofSeconds(1);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                new StateRestorer(bootstrap, config.restoreTimeout()).restoreInto(polls.state());
                break;
            } catch (RuntimeException e) {
                problem = "cannot restore the last published state: " + e.getMessage();
                LOG.warnf("%s; retrying in %d s", problem, backoff.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
        Instant now = clock.instant();
        for (ProviderEntry entry : registry.all()) {
            polls.restoreStatus(entry);
            polls.publishStatus(entry, now);
        }
        ready = true;
        problem = null;
        if (config.scheduling()) {
            scheduler.start();
        }
        registry.onRegistered(scheduler::schedule);
        LOG.infof("inventory poller started: %d providers, scheduling %s", registry.all().size(),
                config.scheduling() ? "on" : "off");
    }

    /** True once the last published state is restored and polls may run. */
    public boolean ready() {
        return ready;
    }

    /** Why the poller is not ready, or null. */
    public String problem() {
        return problem;
    }
}
