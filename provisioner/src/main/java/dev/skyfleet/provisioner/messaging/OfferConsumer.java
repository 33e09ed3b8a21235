package dev.skyfleet.provisioner.messaging;

import dev.skyfleet.model.Json;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Builds the provisioner's own view of the catalog from {@code skyfleet.offers.v1}. */
@ApplicationScoped
public class OfferConsumer {
    private final OfferViewRepository offers;

    public OfferConsumer(OfferViewRepository offers) {
        this.offers = offers;
    }

    @Incoming("offers")
    public Uni<Void> consume(String payload) {
        if (payload == null) {
            // a tombstone or an unreadable value: nothing to apply (tombstones are not poison)
            return Uni.createFrom().voidItem();
        }
        OfferEvent event;
        try {
            event = Json.read(payload, OfferEvent.class);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an offer event: " + e.getMessage()));
        }
        return offers.apply(event);
    }
}
