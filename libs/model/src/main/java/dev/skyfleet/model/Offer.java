package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * One instance type, in one place, billed one way, as last observed.
 *
 * @param id {@code provider:region:zone:type:usage-class}; always derived from the other fields
 * @param provider who we talk to ({@code shadeform} for a brokered offer)
 * @param cloud whose hardware it runs on ({@code hyperstack} behind Shadeform); equals provider otherwise
 * @param region provider region code
 * @param zone availability zone, or null for regional offers
 * @param instanceType the provider's SKU name
 * @param usage on-demand or spot
 * @param spec what the instance type is
 * @param pricePerHour price for the whole instance per hour; null when the provider has none yet (new SKUs)
 * @param available capacity now, as far as the provider tells; catalog files only say "offered", never "available"
 * @param source live API, catalog file or simulator
 * @param observedAt when the provider was read; later observations win
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Offer(String id, String provider, String cloud, String region, String zone, String instanceType,
        UsageClass usage, InstanceTypeSpec spec, Price pricePerHour, boolean available, OfferSource source,
        Instant observedAt) {

    public Offer {
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(spec, "spec");
        zone = zone == null || zone.isBlank() || OfferId.NO_ZONE.equals(zone) ? null : zone;
        cloud = cloud == null || cloud.isBlank() ? provider : cloud;
        source = source == null ? OfferSource.API : source;
        id = new OfferId(provider, region, zone, instanceType, usage).toString();
    }

    /** Builds an offer; the id is derived. */
    public static Offer of(String provider, String cloud, String region, String zone, UsageClass usage,
            InstanceTypeSpec spec, Price pricePerHour, boolean available, OfferSource source, Instant observedAt) {
        return new Offer(null, provider, cloud, region, zone, spec.name(), usage, spec, pricePerHour, available,
                source, observedAt);
    }

    public OfferId offerId() {
        return OfferId.parse(id);
    }

    /** Same offer with a new price, availability and observation time. */
    public Offer observed(Price newPrice, boolean nowAvailable, Instant at) {
        return new Offer(id, provider, cloud, region, zone, instanceType, usage, spec, newPrice, nowAvailable, source,
                at);
    }
}
