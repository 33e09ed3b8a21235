package dev.skyfleet.providers;

import dev.skyfleet.model.InstanceState;
import java.time.Instant;
import java.util.Map;

/**
 * An instance as the provider reports it.
 *
 * @param providerInstanceId the provider's id
 * @param refId Skyfleet's reference, read back from tags or the name; null for instances we did not create
 * @param credentialRef credential reference, read back like refId
 * @param name instance name
 * @param region region
 * @param zone zone or null
 * @param instanceType SKU
 * @param state mapped state; unknown provider states are {@link InstanceState#UNKNOWN}
 * @param rawState the provider's own state string
 * @param publicIp public address once booted, else null
 * @param privateIp private address once booted, else null
 * @param tags provider tags
 * @param createdAt when the provider created it, if it says
 */
public record ProviderInstance(String providerInstanceId, String refId, String credentialRef, String name,
        String region, String zone, String instanceType, InstanceState state, String rawState, String publicIp,
        String privateIp, Map<String, String> tags, Instant createdAt) {
    public ProviderInstance {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        state = state == null ? InstanceState.UNKNOWN : state;
    }
}
