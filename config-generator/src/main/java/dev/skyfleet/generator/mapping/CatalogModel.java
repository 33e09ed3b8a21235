package dev.skyfleet.generator.mapping;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The catalog a snapshot is rendered from: one entry per provider, sorted by provider id.
 *
 * @param providers provider id → its catalog
 */
public record CatalogModel(SortedMap<String, ProviderCatalog> providers) {
    public CatalogModel {
        providers = Collections.unmodifiableSortedMap(new TreeMap<>(providers));
    }

    public static CatalogModel empty() {
        return new CatalogModel(new TreeMap<>());
    }
}
