package dev.skyfleet.generator.mapping;

import dev.skyfleet.generator.service.CatalogState;
import dev.skyfleet.generator.service.CatalogView;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the catalog model from the view, rebuilding only the providers whose change count moved since the last
 * build; unchanged providers keep the same {@link ProviderCatalog} instance, which lets the renderer skip them.
 * Same output as {@link CatalogModelBuilder#build}. Not thread-safe: used by the generator thread only.
 */
public final class IncrementalModelBuilder {
    private record Cached(long version, ProviderCatalog catalog) {
    }

    private final Map<String, Cached> cache = new HashMap<>();

    public CatalogModel build(CatalogView view) {
        TreeMap<String, ProviderCatalog> providers = new TreeMap<>();
        Map<String, Cached> next = new HashMap<>();
        for (String provider : view.providers()) {
            long version = view.providerVersion(provider);
            Cached cached = cache.get(provider);
            if (cached == null || cached.version() != version) {
                CatalogState state = view.snapshot(provider);
                // a change that lands between reading the version and the copy is picked up next time
                cached = new Cached(version, CatalogModelBuilder.buildProvider(provider, state.offers(), state.types()));
            }
            next.put(provider, cached);
            if (cached.catalog() != null) {
                providers.put(provider, cached.catalog());
            }
        }
        cache.clear();
        cache.putAll(next);
        return new CatalogModel(providers);
    }
}
