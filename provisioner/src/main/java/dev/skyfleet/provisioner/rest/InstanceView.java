package dev.skyfleet.provisioner.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.provisioner.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as the API shows it (never the SSH key or user data).
 *
 * @param id instance id
 * @param name name
 * @param state lifecycle state
 * @param placement what was asked for
 * @param offer the offer in use or being tried; null before placement
 * @param providerInstanceId the provider's id once launched
 * @param publicIp public address once known
 * @param privateIp private address once known
 * @param tags your tags
 * @param failureReason why it failed
 * @param terminateRequested a terminate was accepted
 * @param createdAt when it was accepted
 * @param updatedAt last change
 * @param events every lifecycle event, oldest first (only on {@code GET /api/v1/instances/{id}})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceView(String id, String name, String state, Placement placement, OfferRef offer,
        String providerInstanceId, String publicIp, String privateIp, Map<String, String> tags, String failureReason,
        boolean terminateRequested, Instant createdAt, Instant updatedAt, List<InstanceEvent> events) {

    /**
     * The offer an instance uses.
     *
     * @param id offer id
     * @param provider provider id
     * @param region region
     * @param zone zone or null
     * @param instanceType provider SKU
     * @param pricePerHour price per hour at placement
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OfferRef(String id, String provider, String region, String zone, String instanceType,
            Price pricePerHour) {
    }
}
