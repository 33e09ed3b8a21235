package dev.skyfleet.generator.messaging;

import dev.skyfleet.generator.service.CatalogView;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the compacted catalog topics into the in-memory view, from the beginning at every start. Values are read
 * as text and parsed here: a null value is a tombstone, an unreadable one fails the record, which then goes to
 * the topic's dead-letter queue with the reason in its headers while the consumer carries on.
 */
@ApplicationScoped
public class CatalogConsumer {
    private final CatalogView view;
    private final CatchUpTracker tracker;

    public CatalogConsumer(CatalogView view, CatchUpTracker tracker) {
        this.view = view;
        this.tracker = tracker;
    }

    @Incoming("offers-in")
    public void onOffer(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                view.removeOffer(record.key());
            } else {
                view.apply(Json.read(record.value(), OfferEvent.class));
            }
        } finally {
            tracker.processed(record.topic(), record.partition(), record.offset());
        }
    }

    @Incoming("instance-types-in")
    public void onInstanceType(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                view.removeType(record.key());
            } else {
                view.apply(Json.read(record.value(), InstanceTypeEvent.class));
            }
        } finally {
            tracker.processed(record.topic(), record.partition(), record.offset());
        }
    }

    @Incoming("provider-status-in")
    public void onProviderStatus(ConsumerRecord<String, String> record) {
        try {
            if (record.value() != null) {
                view.apply(Json.read(record.value(), ProviderStatus.class));
            }
        } finally {
            tracker.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
