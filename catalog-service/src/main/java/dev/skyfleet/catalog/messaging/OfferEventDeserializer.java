package dev.skyfleet.catalog.messaging;

import dev.skyfleet.model.OfferEvent;

/** Value deserializer of {@link OfferEvent} records. */
public class OfferEventDeserializer extends JsonRecordDeserializer<OfferEvent> {
    public OfferEventDeserializer() {
        super(OfferEvent.class);
    }
}
