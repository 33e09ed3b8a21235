package dev.skyfleet.poller.service;

import dev.skyfleet.poller.store.PublishedState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Poll metrics per provider, exported at {@code /q/metrics}: {@code skyfleet_poller_poll_duration_seconds}
 * (by outcome), {@code skyfleet_poller_offers_seen_total}, {@code skyfleet_poller_offers_changed_total} (by
 * change: changed, removed), {@code skyfleet_poller_instance_types_changed_total},
 * {@code skyfleet_poller_poll_errors_total} (by error kind) and the gauge {@code skyfleet_poller_offers_published}.
 */
public class PollMetrics {
    private final MeterRegistry registry;
    private final PublishedState state;
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    public PollMetrics(MeterRegistry registry, PublishedState state) {
        this.registry = registry;
        this.state = state;
    }

    void pollSucceeded(String provider, Duration took) {
        timer(provider, "ok").record(took);
        gauge(provider);
    }

    void pollFailed(String provider, String kind, Duration took) {
        timer(provider, "failed").record(took);
        Counter.builder("skyfleet.poller.poll.errors").description("Failed polls")
                .tags("provider", provider, "kind", kind).register(registry).increment();
        gauge(provider);
    }

    void offersSeen(String provider, int count) {
        Counter.builder("skyfleet.poller.offers.seen").description("Offers listed by providers")
                .tag("provider", provider).register(registry).increment(count);
    }

    void published(String provider, int changed, int removed, int types) {
        Counter.builder("skyfleet.poller.offers.changed").description("Offer changes published")
                .tags("provider", provider, "change", "changed").register(registry).increment(changed);
        Counter.builder("skyfleet.poller.offers.changed").description("Offer changes published")
                .tags("provider", provider, "change", "removed").register(registry).increment(removed);
        Counter.builder("skyfleet.poller.instance-types.changed").description("Instance type changes published")
                .tag("provider", provider).register(registry).increment(types);
    }

    private Timer timer(String provider, String outcome) {
        return Timer.builder("skyfleet.poller.poll.duration").description("Duration of one poll of a provider")
                .tags("provider", provider, "outcome", outcome).register(registry);
    }

    private void gauge(String provider) {
        if (gauges.add(provider)) {
            Gauge.builder("skyfleet.poller.offers.published", state, s -> s.book(provider).offers().size())
                    .description("Offers currently published").tag("provider", provider).register(registry);
        }
    }
}
