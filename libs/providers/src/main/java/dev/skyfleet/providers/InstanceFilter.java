package dev.skyfleet.providers;

/**
 * Which Skyfleet-created instances to list. Null fields match everything.
 *
 * @param refId only the instance launched with this reference
 * @param region only instances in this region
 */
public record InstanceFilter(String refId, String region) {
    public static final InstanceFilter ALL = new InstanceFilter(null, null);

    public static InstanceFilter byRefId(String refId) {
        return new InstanceFilter(refId, null);
    }
}
