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

    private final Map<String, Versioned<Offer>> offers = new ConcurrentHashMap<>();
    private final Map<String, Versioned<InstanceTypeSpec>> types = new ConcurrentHashMap<>();
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
        return accept(offers, event.offerId(), next);
    }

    /** Applies an instance type event keyed by {@code provider/type}. */
    public boolean apply(InstanceTypeEvent event) {
        Versioned<InstanceTypeSpec> next = new Versioned<>(event.spec(), event.at(), event.removed());
        return accept(types, event.key(), next);
    }

    /** Applies a provider status; statuses do not change the snapshot content, so no listener runs. */
    public void apply(ProviderStatus status) {
        statuses.merge(status.provider(), status, (old, cur) -> cur.at().isBefore(old.at()) ? old : cur);
    }

    /** A tombstone (null value) on the offers topic: the offer is gone. */
    public boolean removeOffer(String offerId) {
        Versioned<Offer> old = offers.remove(offerId);
        return changed(old != null && !old.removed());
    }

    /** A tombstone on the instance-types topic. */
    public boolean removeType(String key) {
        Versioned<InstanceTypeSpec> old = types.remove(key);
        return changed(old != null && !old.removed());
    }

    private <T> boolean accept(Map<String, Versioned<T>> map, String key, Versioned<T> next) {
        boolean[] changed = {false};
        map.compute(key, (k, old) -> {
            if (old != null && next.at().isBefore(old.at())) {
                return old;
            }
            changed[0] = old == null ? !next.removed()
                    : old.removed() != next.removed() || !old.value().equals(next.value());
            return next;
        });
        return changed(changed[0]);
    }

    private boolean changed(boolean changed) {
        if (changed) {
            revision.incrementAndGet();
            listeners.forEach(Runnable::run);
        }
        return changed;
    }

    /** A consistent-enough copy for rendering (each map is copied atomically per entry). */
    public CatalogState snapshot() {
        long rev = revision.get();
        List<Offer> offerList = new ArrayList<>(offers.size());
        offers.values().forEach(v -> {
            if (!v.removed()) {
                offerList.add(v.value());
            }
        });
        List<InstanceTypeSpec> typeList = new ArrayList<>(types.size());
        types.values().forEach(v -> {
            if (!v.removed()) {
                typeList.add(v.value());
            }
        });
        return new CatalogState(offerList, typeList, new TreeMap<>(statuses), rev);
    }

    public int offerCount() {
        return (int) offers.values().stream().filter(v -> !v.removed()).count();
    }

    public Map<String, ProviderStatus> statuses() {
        return new TreeMap<>(statuses);
    }

    public long revision() {
        return revision.get();
    }
}
