package dev.skyfleet.generator.service;

import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog in memory, built from the compacted catalog topics. Last observation wins per key, judged by the
 * event time, so the result does not depend on the order in which events for different (or the same) keys
 * arrive. Removals are remembered with their time so a late, older event cannot resurrect an entry.
 */
@ApplicationScoped
public class CatalogView {

    private record Versioned<T>(T value, Instant at, boolean removed) {
    }

    /** provider → offer id → latest; kept per provider so an unchanged provider is not rebuilt. */
    private final Map<String, Map<String, Versioned<Offer>>> offers = new ConcurrentHashMap<>();
    /** provider → {@code provider/type} → latest. */
    private final Map<String, Map<String, Versioned<InstanceTypeSpec>>> types = new ConcurrentHashMap<>();
    /** provider → number of accepted changes; a generation rebuilds only providers whose count moved. */
    private final Map<String, AtomicLong> providerVersions = new ConcurrentHashMap<>();
    private final Map<String, ProviderStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicLong revision = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Registers a callback run after every accepted change (on the caller's thread; keep it short). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Applies an offer event keyed by offer id; returns true when it changed the view. */
    public boolean apply(OfferEvent event) {
        Versioned<Offer> next = new Versioned<>(event.offer(), event.at(), event.isRemoval());
        return accept(offers, event.offer().provider(), event.offerId(), next);
    }

    /** Applies an instance type event keyed by {@code provider/type}. */
    public boolean apply(InstanceTypeEvent event) {
        Versioned<InstanceTypeSpec> next = new Versioned<>(event.spec(), event.at(), event.removed());
        return accept(types, event.spec().provider(), event.key(), next);
    }

    /** Applies a provider status; statuses do not change the snapshot content, so no listener runs. */
    public void apply(ProviderStatus status) {
        statuses.merge(status.provider(), status, (old, cur) -> cur.at().isBefore(old.at()) ? old : cur);
    }

    /** A tombstone (null value) on the offers topic: the offer is gone. */
    public boolean removeOffer(String offerId) {
        String provider = prefix(offerId, ':');
        Map<String, Versioned<Offer>> map = offers.get(provider);
        Versioned<Offer> old = map == null ? null : map.remove(offerId);
        return changed(provider, old != null && !old.removed());
    }

    /** A tombstone on the instance-types topic. */
    public boolean removeType(String key) {
        String provider = prefix(key, '/');
        Map<String, Versioned<InstanceTypeSpec>> map = types.get(provider);
        Versioned<InstanceTypeSpec> old = map == null ? null : map.remove(key);
        return changed(provider, old != null && !old.removed());
    }

    private static String prefix(String key, char separator) {
        int i = key == null ? -1 : key.indexOf(separator);
        return i < 0 ? String.valueOf(key) : key.substring(0, i);
    }

    private <T> boolean accept(Map<String, Map<String, Versioned<T>>> byProvider, String provider, String key,
            Versioned<T> next) {
        // sorted by id, so a provider's entries come out in output order and the model's sort is a single pass
        Map<String, Versioned<T>> map = byProvider.computeIfAbsent(provider,
                p -> new java.util.concurrent.ConcurrentSkipListMap<>());
        boolean[] changed = {false};
        map.compute(key, (k, old) -> {
            if (old != null && next.at().isBefore(old.at())) {
                return old;
            }
            changed[0] = old == null ? !next.removed()
                    : old.removed() != next.removed() || !old.value().equals(next.value());
            return next;
        });
        return changed(provider, changed[0]);
    }

    private boolean changed(String provider, boolean changed) {
        if (changed) {
            providerVersions.computeIfAbsent(provider, p -> new AtomicLong()).incrementAndGet();
            revision.incrementAndGet();
            listeners.forEach(Runnable::run);
        }
        return changed;
    }

    /** A consistent-enough copy for rendering (each map is copied atomically per entry). */
    public CatalogState snapshot() {
        long rev = revision.get();
        List<Offer> offerList = new ArrayList<>();
        List<InstanceTypeSpec> typeList = new ArrayList<>();
        for (String provider : providers()) {
            collect(provider, offerList, typeList);
        }
        return new CatalogState(offerList, typeList, new TreeMap<>(statuses), rev);
    }

    /** The offers and types of one provider. */
    public CatalogState snapshot(String provider) {
        List<Offer> offerList = new ArrayList<>();
        List<InstanceTypeSpec> typeList = new ArrayList<>();
        collect(provider, offerList, typeList);
        return new CatalogState(offerList, typeList, Map.of(), revision.get());
    }

    private void collect(String provider, List<Offer> offerList, List<InstanceTypeSpec> typeList) {
        offers.getOrDefault(provider, Map.of()).values().forEach(v -> {
            if (!v.removed()) {
                offerList.add(v.value());
            }
        });
        types.getOrDefault(provider, Map.of()).values().forEach(v -> {
            if (!v.removed()) {
                typeList.add(v.value());
            }
        });
    }

    /** Providers with offers or types (possibly all removed), sorted. */
    public java.util.SortedSet<String> providers() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(offers.keySet());
        all.addAll(types.keySet());
        return all;
    }

    /** Change count of a provider (0 when never seen). */
    public long providerVersion(String provider) {
        AtomicLong v = providerVersions.get(provider);
        return v == null ? 0 : v.get();
    }

    public int offerCount() {
        int n = 0;
        for (Map<String, Versioned<Offer>> map : offers.values()) {
            for (Versioned<Offer> v : map.values()) {
                if (!v.removed()) {
                    n++;
                }
            }
        }
        return n;
    }

    public Map<String, ProviderStatus> statuses() {
        return new TreeMap<>(statuses);
    }

    public long revision() {
        return revision.get();
    }
}
