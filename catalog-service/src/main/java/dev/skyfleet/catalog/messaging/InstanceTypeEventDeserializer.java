package dev.skyfleet.catalog.messaging;

import dev.skyfleet.model.InstanceTypeEvent;

/** Value deserializer of {@link InstanceTypeEvent} records. */
public class InstanceTypeEventDeserializer extends JsonRecordDeserializer<InstanceTypeEvent> {
    public InstanceTypeEventDeserializer() {
        super(InstanceTypeEvent.class);
    }
}
