package dev.skyfleet.catalog.messaging;

import dev.skyfleet.model.ProviderStatus;

/** Value deserializer of {@link ProviderStatus} records. */
public class ProviderStatusDeserializer extends JsonRecordDeserializer<ProviderStatus> {
    public ProviderStatusDeserializer() {
        super(ProviderStatus.class);
    }
}
