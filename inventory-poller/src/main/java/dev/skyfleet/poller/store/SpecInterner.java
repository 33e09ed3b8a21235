package dev.skyfleet.poller.store;

import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one {@link InstanceTypeSpec} instance between the many offers of a type (tens of regions and zones
 * each), so the published state of ~100,000 offers stays small.
 */
final class SpecInterner {
    private final ConcurrentHashMap<InstanceTypeSpec, InstanceTypeSpec> specs = new ConcurrentHashMap<>();
    /** The last spec interned and its shared instance: offers of one type usually come in a row. */
    private volatile InstanceTypeSpec[] last = new InstanceTypeSpec[2];

    InstanceTypeSpec intern(InstanceTypeSpec spec) {
        InstanceTypeSpec[] hit = last;
        if (hit[0] == spec) {
            return hit[1];
        }
        InstanceTypeSpec shared = specs.putIfAbsent(spec, spec);
        shared = shared == null ? spec : shared;
        last = new InstanceTypeSpec[] {spec, shared};
        return shared;
    }

    Offer intern(Offer offer) {
        InstanceTypeSpec shared = intern(offer.spec());
        if (shared == offer.spec()) {
            return offer;
        }
        return new Offer(offer.id(), offer.provider(), offer.cloud(), offer.region(), offer.zone(),
                offer.instanceType(), offer.usage(), shared, offer.pricePerHour(), offer.available(), offer.source(),
                offer.observedAt());
    }
}
