package dev.skyfleet.model;

import java.util.Objects;

/**
 * The stable key of an offer: {@code provider:region:zone:type:usage-class}, {@code -} for an absent zone,
 * e.g. {@code lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand}. The type is everything between the zone and the
 * usage class, so SKU names that contain colons still parse.
 */
public record OfferId(String provider, String region, String zone, String instanceType, UsageClass usage) {
    public static final String NO_ZONE = "-";

    public OfferId {
        requireSegment(provider, "provider");
        requireSegment(region, "region");
        zone = zone == null || zone.isBlank() ? NO_ZONE : zone;
        requireSegment(zone, "zone");
        Objects.requireNonNull(instanceType, "instanceType");
        if (instanceType.isBlank()) {
            throw new IllegalArgumentException("instanceType must not be blank");
        }
        Objects.requireNonNull(usage, "usage");
    }

    private static void requireSegment(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(name + " must be non-blank and contain no ':' but was '" + value + "'");
        }
    }

    /** Parses an id; throws {@link IllegalArgumentException} naming what is wrong. */
    public static OfferId parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("offer id is missing");
        }
        int first = id.indexOf(':');
        int second = first < 0 ? -1 : id.indexOf(':', first + 1);
        int third = second < 0 ? -1 : id.indexOf(':', second + 1);
        int last = id.lastIndexOf(':');
        if (third < 0 || last <= third) {
            throw new IllegalArgumentException(
                    "offer id '" + id + "' is not of the form provider:region:zone:type:usage-class");
        }
        UsageClass usage = UsageClass.fromWire(id.substring(last + 1));
        if (usage == null) {
            throw new IllegalArgumentException("offer id '" + id + "' ends in an unknown usage class");
        }
        return new OfferId(id.substring(0, first), id.substring(first + 1, second), id.substring(second + 1, third),
                id.substring(third + 1, last), usage);
    }

    /** The zone, or null when the offer is regional. */
    public String zoneOrNull() {
        return NO_ZONE.equals(zone) ? null : zone;
    }

    @Override
    public String toString() {
        return provider + ':' + region + ':' + zone + ':' + instanceType + ':' + usage.wire();
    }
}
