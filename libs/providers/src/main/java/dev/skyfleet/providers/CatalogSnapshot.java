package dev.skyfleet.providers;

import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.Region;
import java.util.List;

/**
 * Everything one catalog read returned: regions, instance types and offers from the same provider response(s), so
 * a poller gets a consistent picture with one round of API calls.
 */
public record CatalogSnapshot(List<Region> regions, List<InstanceTypeSpec> instanceTypes, List<Offer> offers) {
    public CatalogSnapshot {
        regions = List.copyOf(regions);
        instanceTypes = List.copyOf(instanceTypes);
        offers = List.copyOf(offers);
    }
}
