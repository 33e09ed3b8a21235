package dev.skyfleet.generator.service;

import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.ProviderStatus;
import java.util.List;
import java.util.Map;

/**
 * A copy of the in-memory catalog at one moment.
 *
 * @param offers current offers (removed ones excluded), in no particular order
 * @param types instance types from the instance-types topic (removed ones excluded), in no particular order
 * @param statuses provider id → last status
 * @param revision number of facts applied since start; grows with every accepted change
 */
public record CatalogState(List<Offer> offers, List<InstanceTypeSpec> types, Map<String, ProviderStatus> statuses,
        long revision) {
}
