package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.OfferView;
import dev.skyfleet.catalog.SelectionRequest;
import dev.skyfleet.catalog.Views.Alternative;
import dev.skyfleet.catalog.Views.Candidate;
import dev.skyfleet.catalog.Views.SelectionResult;
import dev.skyfleet.catalog.config.CatalogConfig;
import dev.skyfleet.catalog.mapping.OfferMapper;
import dev.skyfleet.catalog.repository.CatalogRepository;
import dev.skyfleet.catalog.repository.OfferEntity;
import dev.skyfleet.catalog.repository.OfferRepository;
import dev.skyfleet.catalog.repository.ProviderStatusEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Cheapest-offer selection: candidates are offers with capacity now that meet every constraint, fresh providers
 * first, then by price (ties: id). When nothing fits, the nearest alternatives: the same constraints without
 * capacity, above the budget, elsewhere, or with another GPU count.
 */
@ApplicationScoped
public class SelectionService {
    static final int DEFAULT_LIMIT = 10;
    static final int ALTERNATIVES_PER_KIND = 3;

    private final OfferRepository offers;
    private final CatalogRepository catalog;
    private final CatalogConfig config;

    /** Provider statuses change once per poll (minutes); selections may use them slightly old. */
    private final AtomicReference<CachedStatuses> statusCache = new AtomicReference<>();

    private record CachedStatuses(List<ProviderStatusEntity> statuses, long readAtNanos) {
    }

    public SelectionService(OfferRepository offers, CatalogRepository catalog, CatalogConfig config) {
        this.offers = offers;
        this.catalog = catalog;
        this.config = config;
    }

    /** The constraints of a request as an offer filter (capacity now required); throws on invalid values. */
    public static OfferFilter filterOf(SelectionRequest request) {
        BigDecimal maxCount = BigDecimal.valueOf(1024);
        BigDecimal maxAmount = BigDecimal.valueOf(100_000_000);
        return new OfferFilter(FilterParser.names("providers", request.providers()),
                FilterParser.names("clouds", request.clouds()), FilterParser.names("regions", request.regions()),
                FilterParser.gpu("gpu", request.gpu()),
                FilterParser.decimalOrNull("gpuCount", request.gpuCount(), maxCount),
                FilterParser.decimalOrNull("minGpuCount", request.minGpuCount(), maxCount),
                FilterParser.decimalOrNull("minGpuMemoryGb", request.minGpuMemoryGb(), maxAmount),
                FilterParser.decimalOrNull("minVcpus", request.minVcpus(), maxAmount),
                FilterParser.decimalOrNull("minMemoryGb", request.minMemoryGb(), maxAmount),
                FilterParser.arch("arch", request.arch()), FilterParser.usage("usage", request.usage()), Boolean.TRUE,
                FilterParser.decimalOrNull("maxPrice", request.maxPrice(), maxAmount));
    }

    /**
     * The provider statuses, from a cache younger than the configured age or read now. The read runs on the caller's
     * Vert.x context (a shared in-flight Uni would continue other requests on the wrong context).
     */
    private Uni<List<ProviderStatusEntity>> statuses() {
        long maxAge = config.search().statusCache().toNanos();
        CachedStatuses cached = statusCache.get();
        if (cached != null && System.nanoTime() - cached.readAtNanos() < maxAge) {
            return Uni.createFrom().item(cached.statuses());
        }
        return catalog.providerStatuses()
                .invoke(read -> statusCache.set(new CachedStatuses(List.copyOf(read), System.nanoTime())));
    }

    public Uni<SelectionResult> select(SelectionRequest request) {
        OfferFilter filter = filterOf(request);
        int limit = Math.min(request.limit() == null ? DEFAULT_LIMIT : request.limit(),
                config.search().maxCandidates());
        return statuses().chain(statuses -> {
            Freshness freshness = new Freshness(statuses, Instant.now(), config.staleAfter());
            return offers.cheapest(filter, freshFirst(freshness), limit).chain(rows -> {
                List<Candidate> candidates = rank(rows, freshness);
                Uni<List<Alternative>> alternatives = candidates.isEmpty() ? alternatives(filter, freshness)
                        : Uni.createFrom().item(List.of());
                return alternatives.map(alts -> new SelectionResult(candidates, alts,
                        rows.stream().map(r -> r.provider).filter(freshness::isStale).distinct().sorted().toList(),
                        freshness.now()));
            });
        });
    }

    /** Providers ranked first; every other provider (stale or without status) comes after them. */
    private static Set<String> freshFirst(Freshness freshness) {
        return freshness.freshProviders();
    }

    static List<Candidate> rank(List<OfferEntity> rows, Freshness freshness) {
        List<Candidate> candidates = new ArrayList<>();
        BigDecimal best = null;
        for (OfferEntity row : rows) {
            OfferView offer = OfferMapper.fromEntity(row);
            boolean stale = freshness.isStale(row.provider);
            List<String> reasons = new ArrayList<>();
            if (candidates.isEmpty()) {
                reasons.add(stale ? "cheapest offer with capacity now, but every matching provider is stale"
                        : "cheapest offer with capacity now from a fresh provider");
                best = row.price;
            } else {
                BigDecimal delta = row.price.subtract(best);
                reasons.add(delta.signum() == 0 ? "same price as the first candidate; ordered by offer id"
                        : "costs " + delta.stripTrailingZeros().toPlainString() + " " + row.currency
                                + "/h more than the first candidate");
            }
            if (stale) {
                reasons.add(freshness.staleReason(row.provider));
            }
            if (offer.pricePerGpu() != null) {
                reasons.add("price per GPU " + offer.pricePerGpu().toPlainString() + " " + row.currency + "/h");
            }
            candidates.add(new Candidate(candidates.size() + 1, offer, offer.pricePerHour(), offer.pricePerGpu(),
                    stale, reasons));
        }
        return candidates;
    }

    private Uni<List<Alternative>> alternatives(OfferFilter filter, Freshness freshness) {
        Map<String, Alternative> found = new LinkedHashMap<>();
        Uni<Void> chain = add(found, filter.withAvailable(false), freshness, List.of("available"),
                offer -> "meets every constraint but has no capacity now");
        if (filter.maxPrice() != null) {
            chain = chain.chain(() -> add(found, filter.withMaxPrice(null), freshness, List.of("maxPrice"),
                    offer -> "has capacity now at " + offer.priceAmount().toPlainString() + " "
                            + offer.pricePerHour().currency() + "/h, above maxPrice "
                            + filter.maxPrice().toPlainString()));
        }
        if (filter.hasPlaces()) {
            chain = chain.chain(() -> add(found, filter.withoutPlaces(), freshness,
                    List.of("providers", "clouds", "regions"),
                    offer -> "has capacity now in " + offer.provider() + " " + offer.region()
                            + ", outside the requested providers, clouds or regions"));
        }
        if (filter.hasGpuCount()) {
            chain = chain.chain(() -> add(found, filter.withoutGpuCount(), freshness,
                    List.of("gpuCount", "minGpuCount"),
                    offer -> "has capacity now with " + (offer.gpu() == null ? "no"
                            : offer.gpu().count().toPlainString()) + " GPUs"));
        }
        return chain.map(ignored -> List.copyOf(found.values()));
    }

    private Uni<Void> add(Map<String, Alternative> found, OfferFilter filter, Freshness freshness,
            List<String> relaxed, Function<OfferView, String> reason) {
        return offers.cheapest(filter, freshFirst(freshness), ALTERNATIVES_PER_KIND).invoke(rows -> {
            for (OfferEntity row : rows) {
                OfferView offer = OfferMapper.fromEntity(row);
                String why = reason.apply(offer);
                if (freshness.isStale(row.provider)) {
                    why += "; " + freshness.staleReason(row.provider);
                }
                found.putIfAbsent(row.id, new Alternative(offer, offer.pricePerHour(), relaxed, why));
            }
        }).replaceWithVoid();
    }
}
