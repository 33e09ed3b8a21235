package dev.skyfleet.poller.config;

import dev.skyfleet.poller.messaging.CatalogPublisher;
import dev.skyfleet.poller.messaging.KafkaClients;
import dev.skyfleet.poller.service.PollMetrics;
import dev.skyfleet.poller.service.PollScheduler;
import dev.skyfleet.poller.service.PollService;
import dev.skyfleet.poller.service.SecretRedactor;
import dev.skyfleet.poller.store.PublishedState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the plain-Java poller classes (also used by the benchmark without Quarkus) as CDI beans. */
public class PollerBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PublishedState publishedState() {
        return new PublishedState();
    }

    @Produces
    @Singleton
    SecretRedactor secretRedactor() {
        return new SecretRedactor();
    }

    @Produces
    @Singleton
    CatalogPublisher catalogPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            KafkaSettings kafka) {
        KafkaSettings.Producer p = kafka.producer();
        return new CatalogPublisher(new KafkaProducer<>(KafkaClients.producer(bootstrap, p.linger(), p.batchSize(),
                p.compression(), p.deliveryTimeout())));
    }

    void closePublisher(@Disposes CatalogPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    PollMetrics pollMetrics(MeterRegistry registry, PublishedState state) {
        return new PollMetrics(registry, state);
    }

    @Produces
    @Singleton
    PollService pollService(PublishedState state, CatalogPublisher publisher, PollMetrics metrics,
            SecretRedactor redactor, Clock clock) {
        return new PollService(state, publisher, metrics, redactor, clock);
    }

    void closePollService(@Disposes PollService service) {
        service.close();
    }

    @Produces
    @Singleton
    PollScheduler pollScheduler(PollService service, Clock clock) {
        return new PollScheduler(service::poll, clock);
    }

    void closeScheduler(@Disposes PollScheduler scheduler) {
        scheduler.close();
    }
}
