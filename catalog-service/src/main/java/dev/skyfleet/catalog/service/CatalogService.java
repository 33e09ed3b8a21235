package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.OfferView;
import dev.skyfleet.catalog.OfferView.PriceView;
import dev.skyfleet.catalog.Views.GpuCloud;
import dev.skyfleet.catalog.Views.GpuSummary;
import dev.skyfleet.catalog.Views.HistoryEntry;
import dev.skyfleet.catalog.Views.InstanceTypePage;
import dev.skyfleet.catalog.Views.InstanceTypeView;
import dev.skyfleet.catalog.Views.OfferHistory;
import dev.skyfleet.catalog.Views.OfferPage;
import dev.skyfleet.catalog.Views.ProviderView;
import dev.skyfleet.catalog.Views.RegionView;
import dev.skyfleet.catalog.config.CatalogConfig;
import dev.skyfleet.catalog.mapping.OfferMapper;
import dev.skyfleet.catalog.repository.CatalogRepository;
import dev.skyfleet.catalog.repository.InstanceTypeEntity;
import dev.skyfleet.catalog.repository.OfferEntity;
import dev.skyfleet.catalog.repository.OfferRepository;
import dev.skyfleet.catalog.repository.ProviderStatusEntity;
import dev.skyfleet.model.Numbers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Read side of the catalog: search, single offers, history and the summary listings. */
@ApplicationScoped
public class CatalogService {
    private final OfferRepository offers;
    private final CatalogRepository catalog;
    private final CatalogConfig config;

    public CatalogService(OfferRepository offers, CatalogRepository catalog, CatalogConfig config) {
        this.offers = offers;
        this.catalog = catalog;
        this.config = config;
    }

    public Uni<OfferPage> search(OfferFilter filter, OfferSort sort, PageCursor after, int limit) {
        return offers.search(filter, sort, after, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<OfferEntity> page = more ? rows.subList(0, limit) : rows;
            String next = null;
            if (more) {
                OfferEntity last = page.get(page.size() - 1);
                next = new PageCursor(sort.wire(), sort.keys(last), last.id).encode();
            }
            return new OfferPage(page.stream().map(OfferMapper::fromEntity).toList(), next, limit);
        });
    }

    /** The offer, or null when unknown. */
    public Uni<OfferView> offer(String id) {
        return offers.find(id).map(e -> e == null ? null : OfferMapper.fromEntity(e));
    }

    /** The offer's history, or null when the offer is unknown. */
    public Uni<OfferHistory> history(String id, int limit) {
        return offers.find(id).chain(e -> e == null ? Uni.createFrom().nullItem()
                : offers.history(id, limit).map(rows -> new OfferHistory(id, rows.stream()
                        .map(h -> new HistoryEntry(h.price == null ? null
                                : new PriceView(Numbers.canonical(h.price), h.currency), h.available, h.removed,
                                h.observedAt))
                        .toList())));
    }

    public Uni<InstanceTypePage> instanceTypes(String provider, String gpu, String cursor, int limit) {
        String[] after = cursor == null ? null : decodeTypeCursor(cursor);
        return catalog.instanceTypes(provider, gpu, after == null ? null : after[0], after == null ? null : after[1],
                limit + 1).map(rows -> {
                    boolean more = rows.size() > limit;
                    List<InstanceTypeEntity> page = more ? rows.subList(0, limit) : rows;
                    String next = null;
                    if (more) {
                        InstanceTypeEntity last = page.get(page.size() - 1);
                        next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                                (last.key.provider + "\n" + last.key.name).getBytes(StandardCharsets.UTF_8));
                    }
                    return new InstanceTypePage(page.stream().map(CatalogService::typeView).toList(), next, limit);
                });
    }

    private static String[] decodeTypeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", -1);
            if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new InvalidParameterException("cursor", "cursor is not valid");
    }

    private static InstanceTypeView typeView(InstanceTypeEntity t) {
        OfferView.GpuView gpu = t.gpuModel == null ? null
                : new OfferView.GpuView(t.gpuModel, Numbers.canonical(t.gpuCount), Numbers.canonical(t.gpuMemoryGb),
                        t.gpuMemoryGb == null || t.gpuCount == null ? null
                                : Numbers.canonical(t.gpuMemoryGb.multiply(t.gpuCount)),
                        t.gpuInterconnect, t.gpuManufacturer, t.gpuRaw);
        return new InstanceTypeView(t.key.provider, t.key.name, Numbers.canonical(t.vcpus),
                Numbers.canonical(t.memoryGib), Numbers.canonical(t.storageGb), gpu, t.arch,
                OfferMapper.splitCapabilities(t.capabilities), t.networkPerformance, t.description, t.observedAt);
    }

    public Uni<List<RegionView>> regions(List<String> providers) {
        return offers.regions(providers).map(rows -> rows.stream()
                .map(r -> new RegionView((String) r[0], (String) r[1], (String) r[2], number(r[3]), number(r[4]),
                        (Instant) r[5]))
                .toList());
    }

    public Uni<List<GpuSummary>> gpus() {
        return offers.gpuPrices().chain(prices -> offers.gpuCapacity().chain(capacity -> offers.gpuCounts()
                .map(counts -> gpuSummaries(prices, capacity, counts))));
    }

    static List<GpuSummary> gpuSummaries(List<Object[]> prices, List<Object[]> capacity, List<Object[]> counts) {
        Map<String, Map<String, BigDecimal[]>> pricesByModel = new TreeMap<>();
        Map<String, Map<String, Long>> offersByModel = new HashMap<>();
        Map<String, BigDecimal> memory = new HashMap<>();
        for (Object[] row : prices) {
            String model = (String) row[0];
            String cloud = (String) row[1];
            boolean spot = "spot".equals(row[2]);
            BigDecimal price = (BigDecimal) row[3];
            BigDecimal[] pair = pricesByModel.computeIfAbsent(model, m -> new TreeMap<>())
                    .computeIfAbsent(cloud, c -> new BigDecimal[2]);
            pair[spot ? 1 : 0] = price;
            offersByModel.computeIfAbsent(model, m -> new HashMap<>()).merge(cloud, number(row[5]), Long::sum);
            if (row[4] != null) {
                memory.merge(model, (BigDecimal) row[4], BigDecimal::max);
            }
        }
        Map<String, Map<String, Set<String>>> regions = new HashMap<>();
        for (Object[] row : capacity) {
            regions.computeIfAbsent((String) row[0], m -> new HashMap<>())
                    .computeIfAbsent((String) row[1], c -> new HashSet<>()).add((String) row[2]);
        }
        Map<String, Set<BigDecimal>> countsByModel = new HashMap<>();
        for (Object[] row : counts) {
            if (row[1] != null) {
                countsByModel.computeIfAbsent((String) row[0], m -> new TreeSet<>())
                        .add(Numbers.canonical((BigDecimal) row[1]));
            }
        }
        List<GpuSummary> result = new ArrayList<>();
        pricesByModel.forEach((model, byCloud) -> {
            List<GpuCloud> clouds = new ArrayList<>();
            Map<String, Set<String>> modelRegions = regions.getOrDefault(model, Map.of());
            byCloud.forEach((cloud, pair) -> clouds.add(new GpuCloud(cloud, price(pair[0]), price(pair[1]),
                    modelRegions.getOrDefault(cloud, Set.of()).size(), offersByModel.get(model).get(cloud))));
            clouds.sort(Comparator.comparing((GpuCloud c) -> amount(c.cheapestOnDemand()))
                    .thenComparing(c -> amount(c.cheapestSpot())).thenComparing(GpuCloud::cloud));
            int regionCount = modelRegions.values().stream().mapToInt(Set::size).sum();
            BigDecimal onDemand = byCloud.values().stream().map(p -> p[0]).filter(p -> p != null)
                    .min(BigDecimal::compareTo).orElse(null);
            BigDecimal spot = byCloud.values().stream().map(p -> p[1]).filter(p -> p != null)
                    .min(BigDecimal::compareTo).orElse(null);
            result.add(new GpuSummary(model, memory.get(model) == null ? null : Numbers.canonical(memory.get(model)),
                    List.copyOf(countsByModel.getOrDefault(model, Set.of())), regionCount, price(onDemand),
                    price(spot), clouds));
        });
        return result;
    }

    private static BigDecimal amount(PriceView price) {
        return price == null ? BigDecimal.valueOf(Long.MAX_VALUE) : price.amount();
    }

    private static PriceView price(BigDecimal amount) {
        return amount == null ? null : new PriceView(Numbers.canonical(amount), "USD");
    }

    public Uni<List<ProviderView>> providers() {
        return catalog.providerStatuses().chain(statuses -> offers.providerCounts().map(counts -> {
            Freshness freshness = new Freshness(statuses, Instant.now(), config.staleAfter());
            Map<String, Object[]> countsByProvider = new TreeMap<>();
            counts.forEach(row -> countsByProvider.put((String) row[0], row));
            Map<String, ProviderStatusEntity> byProvider = new TreeMap<>();
            statuses.forEach(s -> byProvider.put(s.provider, s));
            Set<String> all = new TreeSet<>(byProvider.keySet());
            all.addAll(countsByProvider.keySet());
            List<ProviderView> views = new ArrayList<>();
            for (String provider : all) {
                ProviderStatusEntity s = byProvider.get(provider);
                Object[] c = countsByProvider.get(provider);
                views.add(new ProviderView(provider, s == null ? "unknown" : s.state,
                        s == null ? null : s.lastSuccessAt, s == null ? null : s.lastAttemptAt,
                        s == null ? null : s.lastError, freshness.isStale(provider), freshness.staleness(provider),
                        s == null || s.pollIntervalSeconds == null ? null : Duration.ofSeconds(s.pollIntervalSeconds),
                        s == null ? null : s.offerCount, c == null ? 0 : number(c[1]), c == null ? 0 : number(c[2]),
                        c == null ? null : (Instant) c[3],
                        s == null ? List.of() : OfferMapper.splitCapabilities(s.capabilities)));
            }
            return views;
        }));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
