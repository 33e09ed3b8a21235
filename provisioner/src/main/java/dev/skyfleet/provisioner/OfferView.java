package dev.skyfleet.provisioner;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * The provisioner's own copy of one offer, built from {@code skyfleet.offers.v1}.
 *
 * @param offerId offer id
 * @param provider provider id
 * @param cloud hardware owner
 * @param region region
 * @param zone zone or null
 * @param instanceType provider SKU
 * @param usage on-demand or spot
 * @param gpuModel normalised GPU model or null
 * @param gpuCount GPUs or null
 * @param vcpus host vCPUs
 * @param memoryGib host memory
 * @param price price per hour or null
 * @param available capacity as last reported
 * @param removed the provider no longer lists it
 * @param typeCapabilities what the instance type allows (empty: the type does not narrow the provider's set)
 * @param observedAt when the provider was read
 */
public record OfferView(String offerId, String provider, String cloud, String region, String zone,
        String instanceType, UsageClass usage, String gpuModel, BigDecimal gpuCount, BigDecimal vcpus,
        BigDecimal memoryGib, Price price, boolean available, boolean removed, Set<Capability> typeCapabilities,
        Instant observedAt) {

    public OfferView {
        typeCapabilities = typeCapabilities == null ? Set.of() : Set.copyOf(typeCapabilities);
    }

    /** Whether the instance type allows an operation; a type that declares nothing allows what the provider does. */
    public boolean typeAllows(Capability capability) {
        return typeCapabilities.isEmpty() || typeCapabilities.contains(capability);
    }
}
