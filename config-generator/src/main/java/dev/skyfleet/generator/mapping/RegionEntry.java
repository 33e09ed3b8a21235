package dev.skyfleet.generator.mapping;

/**
 * A region of one provider as it appears in a snapshot.
 *
 * @param id {@code provider/region}, the id overlays refer to
 * @param name the provider's region code
 * @param description human name; null when the catalog has none (an overlay can set one)
 */
public record RegionEntry(String id, String name, String description) {
}
