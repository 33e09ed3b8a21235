package dev.skyfleet.generator.overlay;

import dev.skyfleet.generator.mapping.CatalogModel;
import dev.skyfleet.generator.mapping.OfferEntry;
import dev.skyfleet.generator.mapping.ProviderCatalog;
import dev.skyfleet.generator.mapping.RegionEntry;
import dev.skyfleet.generator.mapping.TypeEntry;
import dev.skyfleet.model.OfferId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies overlays to a catalog, merging by id: a matching id is replaced field by field, a new id is appended,
 * untouched base ids are kept; hidden entries disappear (a hidden type or region takes its offers with it);
 * a disabled provider disappears with everything that refers to it (its offers, types, regions, pins, and
 * brokered offers running on its cloud). Overlays apply in order; a later one wins.
 */
public final class OverlayMerger {

    private OverlayMerger() {
    }

    private static final class Work {
        final String id;
        final LinkedHashMap<String, RegionEntry> regions = new LinkedHashMap<>();
        final LinkedHashMap<String, TypeEntry> types = new LinkedHashMap<>();
        final LinkedHashMap<String, OfferEntry> offers = new LinkedHashMap<>();
        final Set<String> hiddenRegions = new HashSet<>();
        final Set<String> hiddenTypes = new HashSet<>();
        /** Offers added by an overlay → where, to report an unknown type at the right line. */
        final Map<String, String> addedOffers = new HashMap<>();
        String pinnedType;
        String pinnedRegion;
        String pinOrigin;
        boolean capacityKnown = true;

        Work(String id) {
            this.id = id;
        }
    }

    public static CatalogModel apply(CatalogModel base, java.util.List<Overlay> overlays) {
        if (overlays.isEmpty()) {
            return base;
        }
        // only providers an overlay names are copied into mutable form; the others keep their instance
        Set<String> touched = new HashSet<>();
        for (Overlay overlay : overlays) {
            overlay.providers().forEach(r -> touched.add(r.id()));
            overlay.regions().forEach(p -> touched.add(before(p.id(), '/')));
            overlay.types().forEach(p -> touched.add(before(p.id(), '/')));
            overlay.offers().forEach(p -> touched.add(before(p.id(), ':')));
            overlay.defaults().forEach(d -> touched.add(d.provider()));
        }
        Map<String, Work> work = new TreeMap<>();
        for (ProviderCatalog p : base.providers().values()) {
            if (!touched.contains(p.id())) {
                continue;
            }
            Work w = new Work(p.id());
            p.regions().forEach(r -> w.regions.put(r.id(), r));
            p.types().forEach(t -> w.types.put(t.id(), t));
            p.offers().forEach(o -> w.offers.put(o.id(), o));
            w.pinnedType = p.pinnedType();
            w.pinnedRegion = p.pinnedRegion();
            w.capacityKnown = p.capacityKnown();
            work.put(p.id(), w);
        }
        Set<String> disabled = new HashSet<>();
        for (Overlay overlay : overlays) {
            String file = overlay.file();
            for (Overlay.ProviderRule rule : overlay.providers()) {
                if (rule.disabled()) {
                    disabled.add(rule.id());
                } else {
                    disabled.remove(rule.id());
                }
            }
            for (Overlay.Patch patch : overlay.regions()) {
                String provider = slashOwner(file, patch, "region");
                Work w = work.computeIfAbsent(provider, Work::new);
                String name = patch.id().substring(provider.length() + 1);
                merge(file, patch, w.regions, w.hiddenRegions, RegionEntry.class,
                        () -> new RegionEntry(patch.id(), name, null));
            }
            for (Overlay.Patch patch : overlay.types()) {
                String provider = slashOwner(file, patch, "instance type");
                Work w = work.computeIfAbsent(provider, Work::new);
                String name = patch.id().substring(provider.length() + 1);
                if (!w.types.containsKey(patch.id()) && !patch.hidden()
                        && (patch.fields().get("vcpus") == null || patch.fields().get("memoryGib") == null)) {
                    throw new OverlayException(file, patch.line(),
                            "new instance type '" + patch.id() + "' needs vcpus and memoryGib");
                }
                merge(file, patch, w.types, w.hiddenTypes, TypeEntry.class,
                        () -> new TypeEntry(patch.id(), name, null, null, null, "unknown", null, null, null, null,
                                null, null));
            }
            for (Overlay.Patch patch : overlay.offers()) {
                OfferId offerId;
                try {
                    offerId = OfferId.parse(patch.id());
                } catch (IllegalArgumentException e) {
                    throw new OverlayException(file, patch.line(), e.getMessage());
                }
                Work w = work.computeIfAbsent(offerId.provider(), Work::new);
                boolean added = !w.offers.containsKey(patch.id()) && !patch.hidden();
                merge(file, patch, w.offers, new HashSet<>(), OfferEntry.class,
                        () -> new OfferEntry(offerId.toString(), offerId.region(), offerId.zoneOrNull(),
                                offerId.instanceType(), offerId.usage().wire(), null, null, false, null, "overlay"));
                if (added) {
                    w.addedOffers.put(patch.id(), file + ":" + patch.line());
                    OfferEntry o = w.offers.get(patch.id());
                    if (o.price() != null && o.currency() == null) {
                        w.offers.put(o.id(), RecordFields.with(o, OfferEntry.class, Map.of("currency", "USD")));
                    }
                    w.regions.computeIfAbsent(offerId.provider() + "/" + offerId.region(),
                            id -> new RegionEntry(id, offerId.region(), null));
                }
            }
            for (Overlay.DefaultsPin pin : overlay.defaults()) {
                Work w = work.computeIfAbsent(pin.provider(), Work::new);
                if (pin.instanceType() != null) {
                    w.pinnedType = pin.instanceType();
                }
                if (pin.region() != null) {
                    w.pinnedRegion = pin.region();
                }
                w.pinOrigin = file + ":" + pin.line();
            }
        }
        TreeMap<String, ProviderCatalog> result = new TreeMap<>();
        for (ProviderCatalog p : base.providers().values()) {
            if (work.containsKey(p.id()) || disabled.contains(p.id())) {
                continue;
            }
            if (!disabled.isEmpty() && p.offers().stream().anyMatch(o -> o.cloud() != null && disabled.contains(o.cloud()))) {
                result.put(p.id(), new ProviderCatalog(p.id(), p.regions(), p.types(), p.offers().stream()
                        .filter(o -> o.cloud() == null || !disabled.contains(o.cloud())).toList(), p.pinnedType(),
                        p.pinnedRegion(), p.capacityKnown()));
            } else {
                result.put(p.id(), p);
            }
        }
        for (Work w : work.values()) {
            if (disabled.contains(w.id)) {
                continue;
            }
            w.offers.values().removeIf(o -> (o.cloud() != null && disabled.contains(o.cloud()))
                    || w.hiddenTypes.contains(w.id + "/" + o.instanceType())
                    || w.hiddenRegions.contains(w.id + "/" + o.region()));
            for (OfferEntry o : w.offers.values()) {
                if (!w.types.containsKey(w.id + "/" + o.instanceType())) {
                    String where = w.addedOffers.get(o.id());
                    if (where != null) {
                        throw located(where, "offer '" + o.id() + "' refers to unknown instance type '"
                                + w.id + "/" + o.instanceType() + "'");
                    }
                }
            }
            if (w.offers.isEmpty() && w.types.isEmpty()) {
                continue;
            }
            if (w.pinnedType != null && !w.types.containsKey(w.id + "/" + w.pinnedType)) {
                throw located(w.pinOrigin, "default instance type '" + w.pinnedType + "' is not in the catalog of '"
                        + w.id + "'");
            }
            if (w.pinnedRegion != null && !w.regions.containsKey(w.id + "/" + w.pinnedRegion)) {
                throw located(w.pinOrigin, "default region '" + w.pinnedRegion + "' is not in the catalog of '"
                        + w.id + "'");
            }
            result.put(w.id, new ProviderCatalog(w.id, new ArrayList<>(w.regions.values()),
                    new ArrayList<>(w.types.values()), new ArrayList<>(w.offers.values()), w.pinnedType,
                    w.pinnedRegion, w.capacityKnown));
        }
        return new CatalogModel(result);
    }

    private static String before(String id, char separator) {
        int i = id.indexOf(separator);
        return i < 0 ? id : id.substring(0, i);
    }

    private static OverlayException located(String where, String reason) {
        if (where == null) {
            return new OverlayException("overlay", 0, reason);
        }
        int colon = where.lastIndexOf(':');
        return new OverlayException(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)), reason);
    }

    private static String slashOwner(String file, Overlay.Patch patch, String what) {
        int slash = patch.id().indexOf('/');
        if (slash <= 0 || slash == patch.id().length() - 1) {
            throw new OverlayException(file, patch.line(),
                    what + " id '" + patch.id() + "' must be of the form provider/name");
        }
        return patch.id().substring(0, slash);
    }

    private static <T extends Record> void merge(String file, Overlay.Patch patch, LinkedHashMap<String, T> entries,
            Set<String> hiddenIds, Class<T> type, java.util.function.Supplier<T> fresh) {
        if (patch.hidden()) {
            entries.remove(patch.id());
            hiddenIds.add(patch.id());
            return;
        }
        hiddenIds.remove(patch.id());
        T base = entries.get(patch.id());
        try {
            entries.put(patch.id(), RecordFields.with(base == null ? fresh.get() : base, type, patch.fields()));
        } catch (IllegalArgumentException e) {
            throw new OverlayException(file, patch.line(), e.getMessage());
        }
    }
}
