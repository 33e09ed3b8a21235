package dev.skyfleet.generator.mapping;

import java.util.List;

/**
 * Everything a snapshot says about one provider, in output order.
 *
 * @param id provider id
 * @param regions regions, sorted by id (overlay additions appended)
 * @param types instance types, sorted by id (overlay additions appended)
 * @param offers offers, sorted by id (overlay additions appended)
 * @param pinnedType instance type pinned as default by an overlay; null to compute the default
 * @param pinnedRegion region pinned as default by an overlay; null to compute the default
 * @param capacityKnown false when every offer comes from a catalog file, which says "offered", not "available"
 */
public record ProviderCatalog(String id, List<RegionEntry> regions, List<TypeEntry> types, List<OfferEntry> offers,
        String pinnedType, String pinnedRegion, boolean capacityKnown) {

    public ProviderCatalog {
        regions = List.copyOf(regions);
        types = List.copyOf(types);
        offers = List.copyOf(offers);
    }

    public ProviderCatalog withDefaults(String type, String region) {
        return new ProviderCatalog(id, regions, types, offers, type, region, capacityKnown);
    }
}
