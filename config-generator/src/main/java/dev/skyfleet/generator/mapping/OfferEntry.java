package dev.skyfleet.generator.mapping;

import java.math.BigDecimal;

/**
 * An offer as it appears in a snapshot.
 *
 * @param id the offer id {@code provider:region:zone:type:usage-class}
 * @param region region code
 * @param zone zone, null for regional offers
 * @param instanceType SKU name
 * @param usage {@code on-demand} or {@code spot}
 * @param price price per hour for the whole instance; null when unknown
 * @param currency ISO 4217 code of the price
 * @param available capacity now (for catalog-file offers: offered)
 * @param cloud whose hardware it runs on, when it differs from the provider; null otherwise
 * @param source {@code api}, {@code catalog-file} or {@code simulator}
 */
public record OfferEntry(String id, String region, String zone, String instanceType, String usage, BigDecimal price,
        String currency, boolean available, String cloud, String source) {

    public boolean onDemand() {
        return "on-demand".equals(usage);
    }
}
