package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * Value of {@code skyfleet.instances.v1} (key: instance id): the instance's state and the event that moved it.
 *
 * @param instanceId Skyfleet's instance id
 * @param tenant owner
 * @param sequence per-instance event number, increasing; consumers ignore anything not newer than what they hold
 * @param state the state after this event
 * @param event short machine-readable name of what happened ({@code launch-attempted}, {@code capacity-error})
 * @param message human-readable detail (never an SSH key, user data or credential)
 * @param offerId the offer in use or being tried; null before placement
 * @param provider provider id; null before placement
 * @param providerInstanceId the provider's id for the machine; null until known
 * @param pricePerHour price of the offer in use; null before placement
 * @param at when it happened
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceEvent(String instanceId, String tenant, long sequence, InstanceState state, String event,
        String message, String offerId, String provider, String providerInstanceId, Price pricePerHour, Instant at) {
    public InstanceEvent {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
