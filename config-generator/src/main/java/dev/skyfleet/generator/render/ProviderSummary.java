package dev.skyfleet.generator.render;

import dev.skyfleet.generator.mapping.OfferEntry;
import dev.skyfleet.generator.mapping.ProviderCatalog;
import dev.skyfleet.generator.mapping.RegionEntry;
import dev.skyfleet.generator.mapping.TypeEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the Kconfig and YAML renderers need per provider, computed once: per type the regions with capacity and
 * the cheapest prices; per region the number of types with capacity; the computed defaults.
 */
public final class ProviderSummary {

    /** Per instance type. */
    public static final class TypeStats {
        public final TypeEntry type;
        /** Regions with capacity now (or, when capacity is unknown, regions offering it), sorted. */
        public final TreeSet<String> capacityRegions = new TreeSet<>();
        public final TreeSet<String> offeredRegions = new TreeSet<>();
        public BigDecimal onDemand;
        public String onDemandCurrency;
        public boolean onDemandVaries;
        public BigDecimal spot;
        public String spotCurrency;

        TypeStats(TypeEntry type) {
            this.type = type;
        }

        public boolean hasCapacity() {
            return !capacityRegions.isEmpty();
        }
    }

    public final ProviderCatalog catalog;
    /** Types in catalog order. */
    public final Map<String, TypeStats> types = new LinkedHashMap<>();
    /** Region name → number of types with capacity there. */
    public final Map<String, Integer> capacityPerRegion = new HashMap<>();
    /** Region name → number of offers there. */
    public final Map<String, Integer> offersPerRegion = new HashMap<>();
    public final Map<String, RegionEntry> regions = new LinkedHashMap<>();
    public final String defaultType;
    public final String defaultRegion;

    public ProviderSummary(ProviderCatalog catalog) {
        this.catalog = catalog;
        for (TypeEntry t : catalog.types()) {
            types.put(t.name(), new TypeStats(t));
        }
        for (RegionEntry r : catalog.regions()) {
            regions.put(r.name(), r);
        }
        boolean capacityKnown = catalog.capacityKnown();
        for (OfferEntry o : catalog.offers()) {
            TypeStats s = types.get(o.instanceType());
            offersPerRegion.merge(o.region(), 1, Integer::sum);
            if (s == null) {
                continue;
            }
            s.offeredRegions.add(o.region());
            if (o.available() || !capacityKnown) {
                s.capacityRegions.add(o.region());
            }
            if (o.price() != null) {
                if (o.onDemand()) {
                    if (s.onDemand != null && s.onDemand.compareTo(o.price()) != 0) {
                        s.onDemandVaries = true;
                    }
                    if (s.onDemand == null || o.price().compareTo(s.onDemand) < 0) {
                        s.onDemand = o.price();
                        s.onDemandCurrency = o.currency();
                    }
                } else if (s.spot == null || o.price().compareTo(s.spot) < 0) {
                    s.spot = o.price();
                    s.spotCurrency = o.currency();
                }
            }
        }
        for (TypeStats s : types.values()) {
            for (String region : s.capacityRegions) {
                capacityPerRegion.merge(region, 1, Integer::sum);
            }
        }
        defaultType = catalog.pinnedType() != null && types.containsKey(catalog.pinnedType()) ? catalog.pinnedType()
                : computeDefaultType(new ArrayList<>(types.values()));
        defaultRegion = catalog.pinnedRegion() != null && regions.containsKey(catalog.pinnedRegion())
                ? catalog.pinnedRegion() : computeDefaultRegion();
    }

    /** Cheapest type with capacity (on-demand price, then name); cheapest overall when none has capacity. */
    public static String computeDefaultType(List<TypeStats> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        Comparator<TypeStats> cheapest = Comparator
                .comparing((TypeStats s) -> s.onDemand == null ? s.spot : s.onDemand,
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(s -> s.type.name());
        return candidates.stream().filter(TypeStats::hasCapacity).min(cheapest)
                .or(() -> candidates.stream().min(cheapest))
                .map(s -> s.type.name()).orElse(null);
    }

    private String computeDefaultRegion() {
        return regions.keySet().stream()
                .min(Comparator.comparing((String r) -> -capacityPerRegion.getOrDefault(r, 0))
                        .thenComparing(r -> -offersPerRegion.getOrDefault(r, 0))
                        .thenComparing(r -> r))
                .orElse(null);
    }

    /** Regions ordered by capacity (most first), then offers, then id: the order of the region menu. */
    public List<RegionEntry> regionsByCapacity() {
        List<RegionEntry> list = new ArrayList<>(regions.values());
        list.sort(Comparator.comparing((RegionEntry r) -> -capacityPerRegion.getOrDefault(r.name(), 0))
                .thenComparing(r -> r.name()));
        return list;
    }

    /** Short description of what a type is: {@code 8x H100 (80 GB SXM5)} or {@code 4 vCPU, 16 GiB}. */
    public static String shortDescription(TypeEntry t) {
        if (t.hasGpu()) {
            StringBuilder sb = new StringBuilder();
            sb.append(Text.num(t.gpuCount())).append("x ").append(t.gpuModel());
            List<String> details = new ArrayList<>();
            if (t.gpuMemoryGb() != null) {
                details.add(Text.num(t.gpuMemoryGb()) + " GB");
            }
            if (t.gpuInterconnect() != null) {
                details.add(t.gpuInterconnect());
            }
            if (!details.isEmpty()) {
                sb.append(" (").append(String.join(" ", details)).append(')');
            }
            return sb.toString();
        }
        return Text.num(t.vcpus()) + " vCPU, " + Text.num(t.memoryGib()) + " GiB";
    }
}
