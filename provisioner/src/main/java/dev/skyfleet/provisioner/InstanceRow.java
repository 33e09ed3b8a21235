package dev.skyfleet.provisioner;

import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Price;
import java.time.Instant;
import java.util.Map;

/**
 * An instance as the provisioner stores it. {@link #toString()} never prints the SSH key or user data.
 *
 * @param id Skyfleet's instance id
 * @param tenant owner
 * @param name the caller's name for it
 * @param state current lifecycle state
 * @param sequence number of the last lifecycle event
 * @param placement where it may run
 * @param sshPublicKey OpenSSH public key (never logged)
 * @param userData cloud-init user data or null (never logged)
 * @param tags the caller's tags
 * @param offerId offer in use; null before placement
 * @param provider provider in use
 * @param region region in use
 * @param zone zone in use or null
 * @param instanceType provider SKU in use
 * @param price price per hour of the offer in use
 * @param providerInstanceId the provider's id once launched
 * @param publicIp public address once known
 * @param privateIp private address once known
 * @param failureReason why it failed, when it did
 * @param terminateRequested a terminate was accepted; no further launch may happen
 * @param createdAt when the API accepted it
 * @param updatedAt last change
 * @param stateSince when the current state began
 */
public record InstanceRow(String id, String tenant, String name, InstanceState state, long sequence,
        Placement placement, String sshPublicKey, String userData, Map<String, String> tags, String offerId,
        String provider, String region, String zone, String instanceType, Price price, String providerInstanceId,
        String publicIp, String privateIp, String failureReason, boolean terminateRequested, Instant createdAt,
        Instant updatedAt, Instant stateSince) {

    public InstanceRow {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    @Override
    public String toString() {
        return "InstanceRow[id=" + id + ", tenant=" + tenant + ", state=" + state.wire() + ", offerId=" + offerId
                + ", providerInstanceId=" + providerInstanceId + "]";
    }
}
