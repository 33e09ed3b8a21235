package dev.skyfleet.catalog;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderState;
import dev.skyfleet.model.ProviderStatus;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes catalog records the way the inventory poller does. */
public final class CatalogTestSupport implements AutoCloseable {
    private final KafkaCompanion kafka;

    public CatalogTestSupport(String bootstrapServers) {
        this.kafka = new KafkaCompanion(bootstrapServers);
    }

    public KafkaCompanion kafka() {
        return kafka;
    }

    public void publish(OfferEvent... events) {
        for (OfferEvent event : events) {
            send(Topics.OFFERS.name(), event.offerId(), Json.write(event));
        }
    }

    public void publishAdded(Offer... offers) {
        for (Offer offer : offers) {
            publish(OfferEvent.added(offer, offer.observedAt()));
        }
    }

    public void publish(InstanceTypeEvent event) {
        send(Topics.INSTANCE_TYPES.name(), event.key(), Json.write(event));
    }

    public void publishStatus(String provider, Instant lastSuccessAt, int offers) {
        ProviderStatus status = new ProviderStatus(provider, ProviderState.OK, lastSuccessAt, lastSuccessAt, null,
                offers, Duration.ofMinutes(5), Set.of(), Instant.now());
        send(Topics.PROVIDER_STATUS.name(), provider, Json.write(status));
    }

    public void send(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(List.of(new ProducerRecord<>(topic, key, value)))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
