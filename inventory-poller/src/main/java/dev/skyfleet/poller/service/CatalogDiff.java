package dev.skyfleet.poller.service;

import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a provider's full listing with what was last published for it and returns only the changes: added,
 * changed (price, availability, other facts) and, because a listing is complete, removed. Pure: no I/O.
 */
public final class CatalogDiff {
    private CatalogDiff() {
    }

    /**
     * The outcome of a diff.
     *
     * @param events changes to publish, listed order first, then removals
     * @param seen distinct entries in the listing that belong to the provider
     * @param ignored entries of another provider or duplicates of an id already listed
     */
    public record Result<E>(List<E> events, int seen, int ignored) {
    }

    public static Result<OfferEvent> offers(String provider, Map<String, Offer> published, Collection<Offer> listed,
            Instant at) {
        Map<String, Offer> current = new LinkedHashMap<>(Math.max(16, listed.size() * 4 / 3 + 1));
        int ignored = 0;
        for (Offer offer : listed) {
            if (offer == null || !provider.equals(offer.provider()) || current.putIfAbsent(offer.id(), offer) != null) {
                ignored++;
            }
        }
        List<OfferEvent> events = new ArrayList<>();
        for (Offer offer : current.values()) {
            OfferEvent event = OfferEvent.between(published.get(offer.id()), offer, at);
            if (event != null) {
                events.add(event);
            }
        }
        for (Map.Entry<String, Offer> entry : published.entrySet()) {
            if (!current.containsKey(entry.getKey())) {
                events.add(OfferEvent.removed(entry.getValue(), at));
            }
        }
        return new Result<>(events, current.size(), ignored);
    }

    public static Result<InstanceTypeEvent> types(String provider, Map<String, InstanceTypeSpec> published,
            Collection<InstanceTypeSpec> listed, Instant at) {
        Map<String, InstanceTypeSpec> current = new LinkedHashMap<>();
        int ignored = 0;
        for (InstanceTypeSpec spec : listed) {
            if (spec == null || !provider.equals(spec.provider()) || current.putIfAbsent(spec.name(), spec) != null) {
                ignored++;
            }
        }
        List<InstanceTypeEvent> events = new ArrayList<>();
        for (InstanceTypeSpec spec : current.values()) {
            if (!spec.equals(published.get(spec.name()))) {
                events.add(InstanceTypeEvent.upsert(spec, at));
            }
        }
        for (Map.Entry<String, InstanceTypeSpec> entry : published.entrySet()) {
            if (!current.containsKey(entry.getKey())) {
                events.add(InstanceTypeEvent.removal(entry.getValue(), at));
            }
        }
        return new Result<>(events, current.size(), ignored);
    }
}
