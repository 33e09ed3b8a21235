package dev.skyfleet.generator.overlay;

import java.util.List;
import java.util.Map;

/**
 * One parsed overlay file.
 *
 * @param file where it came from (for error reports)
 * @param providers provider rules (disable)
 * @param regions patches of regions ({@code provider/region} ids)
 * @param types patches of instance types ({@code provider/type} ids)
 * @param offers patches of offers (offer ids)
 * @param defaults default pins per provider
 */
public record Overlay(String file, List<ProviderRule> providers, List<Patch> regions, List<Patch> types,
        List<Patch> offers, List<DefaultsPin> defaults) {

    /**
     * Disables (or re-enables) a provider.
     *
     * @param id provider id
     * @param disabled true to remove the provider and everything that refers to it
     * @param line line in the file
     */
    public record ProviderRule(String id, boolean disabled, int line) {
    }

    /**
     * Changes to one entry, merged by id.
     *
     * @param id entry id
     * @param hidden true to hide the entry
     * @param fields field name → new value (null clears the field), in file order
     * @param lines field name → line, for error reports
     * @param line line of the entry
     */
    public record Patch(String id, boolean hidden, Map<String, Object> fields, Map<String, Integer> lines, int line) {
    }

    /**
     * Pins the defaults of a provider's menus.
     *
     * @param provider provider id
     * @param instanceType type to preselect; null to keep the computed default
     * @param region region to preselect; null to keep the computed default
     * @param line line in the file
     */
    public record DefaultsPin(String provider, String instanceType, String region, int line) {
    }
}
