package dev.skyfleet.generator.mapping;

import dev.skyfleet.generator.service.CatalogState;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the in-memory catalog into the flat, sorted model snapshots are rendered from. Pure function of the
 * catalog content: the same offers and types give the same model whatever order they arrived in.
 */
public final class CatalogModelBuilder {

    private CatalogModelBuilder() {
    }

    public static CatalogModel build(CatalogState state) {
        Map<String, List<Offer>> offersByProvider = new HashMap<>();
        for (Offer offer : state.offers()) {
            offersByProvider.computeIfAbsent(offer.provider(), p -> new ArrayList<>()).add(offer);
        }
        Map<String, List<InstanceTypeSpec>> typesByProvider = new HashMap<>();
        for (InstanceTypeSpec spec : state.types()) {
            typesByProvider.computeIfAbsent(spec.provider(), p -> new ArrayList<>()).add(spec);
        }
        TreeMap<String, ProviderCatalog> providers = new TreeMap<>();
        for (String provider : union(offersByProvider.keySet(), typesByProvider.keySet())) {
            ProviderCatalog catalog = buildProvider(provider, offersByProvider.getOrDefault(provider, List.of()),
                    typesByProvider.getOrDefault(provider, List.of()));
            if (catalog != null) {
                providers.put(provider, catalog);
            }
        }
        return new CatalogModel(providers);
    }

    /** One provider's catalog from its offers and types (any order); null when it has neither. */
    public static ProviderCatalog buildProvider(String provider, List<Offer> offerList, List<InstanceTypeSpec> typeList) {
        if (offerList.isEmpty() && typeList.isEmpty()) {
            return null;
        }
        List<Offer> offers = new ArrayList<>(offerList);
        offers.sort(Comparator.comparing(Offer::id));
        Map<String, InstanceTypeSpec> specs = new TreeMap<>();
        for (InstanceTypeSpec spec : typeList) {
            specs.put(spec.name(), spec);
        }
        TreeMap<String, RegionEntry> regions = new TreeMap<>();
        List<OfferEntry> offerEntries = new ArrayList<>(offers.size());
        boolean capacityKnown = false;
        for (Offer offer : offers) {
            // offers are sorted by id, so the first spec seen for a type is a deterministic choice
            specs.putIfAbsent(offer.instanceType(), offer.spec());
            regions.computeIfAbsent(offer.region(), r -> new RegionEntry(provider + "/" + r, r, null));
            capacityKnown |= offer.source() != OfferSource.CATALOG_FILE;
            offerEntries.add(toEntry(offer));
        }
        List<TypeEntry> typeEntries = new ArrayList<>(specs.size());
        specs.values().forEach(spec -> typeEntries.add(toEntry(spec)));
        typeEntries.sort(Comparator.comparing(TypeEntry::id));
        return new ProviderCatalog(provider, new ArrayList<>(regions.values()), typeEntries, offerEntries, null, null,
                capacityKnown || offers.isEmpty());
    }

    private static java.util.SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    public static OfferEntry toEntry(Offer offer) {
        return new OfferEntry(offer.id(), offer.region(), offer.zone(), offer.instanceType(), offer.usage().wire(),
                offer.pricePerHour() == null ? null : offer.pricePerHour().amount(),
                offer.pricePerHour() == null ? null : offer.pricePerHour().currency(), offer.available(),
                offer.cloud() == null || offer.cloud().equals(offer.provider()) ? null : offer.cloud(),
                offer.source().wire());
    }

    public static TypeEntry toEntry(InstanceTypeSpec spec) {
        Gpu gpu = spec.gpu();
        return new TypeEntry(spec.key(), spec.name(), spec.vcpus(), spec.memoryGib(), spec.storageGb(),
                spec.architecture().wire(), gpu == null ? null : gpu.model(), gpu == null ? null : gpu.count(),
                gpu == null ? null : gpu.memoryGb(),
                gpu == null || gpu.interconnect() == null ? null : gpu.interconnect().wire(),
                blankToNull(spec.networkPerformance()), blankToNull(spec.description()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
