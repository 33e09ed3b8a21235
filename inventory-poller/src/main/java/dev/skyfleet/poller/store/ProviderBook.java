package dev.skyfleet.poller.store;

import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What has been published for one provider: its current offers by id and instance types by name. Changed only by
 * the provider's poll (one at a time) and by the restore at startup; read concurrently by the HTTP API.
 */
public final class ProviderBook {
    private final String provider;
    private final SpecInterner specs;
    private final ConcurrentHashMap<String, Offer> offers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, InstanceTypeSpec> types = new ConcurrentHashMap<>();

    ProviderBook(String provider, SpecInterner specs) {
        this.provider = provider;
        this.specs = specs;
    }

    public String provider() {
        return provider;
    }

    /** Offers as last published, by offer id (read-only view). */
    public Map<String, Offer> offers() {
        return Collections.unmodifiableMap(offers);
    }

    /** Instance types as last published, by SKU name (read-only view). */
    public Map<String, InstanceTypeSpec> types() {
        return Collections.unmodifiableMap(types);
    }

    /** Records a published (acknowledged) offer event. */
    public void apply(OfferEvent event) {
        if (event.isRemoval()) {
            offers.remove(event.offerId());
        } else {
            offers.put(event.offerId(), specs.intern(event.offer()));
        }
    }

    /** Records a published (acknowledged) instance type event. */
    public void apply(InstanceTypeEvent event) {
        if (event.removed()) {
            types.remove(event.spec().name());
        } else {
            types.put(event.spec().name(), specs.intern(event.spec()));
        }
    }
}
