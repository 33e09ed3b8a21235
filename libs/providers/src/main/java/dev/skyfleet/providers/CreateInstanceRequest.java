package dev.skyfleet.providers;

import dev.skyfleet.model.UsageClass;
import java.util.Map;
import java.util.Objects;

/**
 * What to launch, where.
 *
 * @param refId Skyfleet's reference for this launch (instance id + attempt); round-trips through tags or names
 * @param credentialRef which stored credential launched it; round-trips like refId
 * @param name instance name (unique per provider: implementations may prefix it with refId)
 * @param region provider region
 * @param zone availability zone, or null to let the provider choose
 * @param instanceType provider SKU
 * @param usage on-demand or spot
 * @param sshPublicKey OpenSSH public key (never logged)
 * @param userData cloud-init user data, or null (never logged)
 * @param imageId provider image id or family, or null for the provider's default
 * @param tags user tags
 */
public record CreateInstanceRequest(String refId, String credentialRef, String name, String region, String zone,
        String instanceType, UsageClass usage, String sshPublicKey, String userData, String imageId,
        Map<String, String> tags) {
    public CreateInstanceRequest {
        Objects.requireNonNull(refId, "refId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(instanceType, "instanceType");
        usage = usage == null ? UsageClass.ON_DEMAND : usage;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Never prints the SSH key or user data. */
    @Override
    public String toString() {
        return "CreateInstanceRequest[refId=" + refId + ", name=" + name + ", region=" + region + ", zone=" + zone
                + ", instanceType=" + instanceType + ", usage=" + usage.wire() + "]";
    }
}
