package dev.skyfleet.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the catalog's HTTP API besides offers. */
public final class Views {
    private Views() {
    }

    /** A page of offers; pass {@code nextCursor} as {@code cursor} for the next page (absent on the last). */
    @Schema(name = "OfferPage")
    public record OfferPage(List<OfferView> items, String nextCursor, int limit) {
    }

    /** Price and availability of an offer from {@code observedAt} on. */
    @Schema(name = "OfferHistoryEntry")
    public record HistoryEntry(OfferView.PriceView pricePerHour, boolean available, boolean removed,
            Instant observedAt) {
    }

    /** History of one offer, newest first. */
    @Schema(name = "OfferHistory")
    public record OfferHistory(String offerId, List<HistoryEntry> entries) {
    }

    /** An instance type of a provider. */
    @Schema(name = "InstanceType")
    public record InstanceTypeView(String provider, String name, BigDecimal vcpus, BigDecimal memoryGb,
            BigDecimal storageGb, OfferView.GpuView gpu, String arch, List<String> capabilities,
            String networkPerformance, String description, Instant observedAt) {
    }

    /** A page of instance types. */
    @Schema(name = "InstanceTypePage")
    public record InstanceTypePage(List<InstanceTypeView> items, String nextCursor, int limit) {
    }

    /** A region of a provider with its offer counts. */
    @Schema(name = "Region")
    public record RegionView(String provider, String cloud, String region, long offers, long offersAvailable,
            Instant lastObservedAt) {
    }

    /** Prices and capacity of one GPU model on one cloud. */
    @Schema(name = "GpuCloud")
    public record GpuCloud(String cloud, OfferView.PriceView cheapestOnDemand, OfferView.PriceView cheapestSpot,
            int regionsWithCapacity, long offers) {
    }

    /** One GPU model across clouds, like {@code sky show-gpus}, from live data. */
    @Schema(name = "GpuSummary")
    public record GpuSummary(String model, BigDecimal memoryGb, List<BigDecimal> counts, int regionsWithCapacity,
            OfferView.PriceView cheapestOnDemand, OfferView.PriceView cheapestSpot, List<GpuCloud> clouds) {
    }

    /** A provider's feed: status from the poller plus what the catalog holds. */
    @Schema(name = "Provider")
    public record ProviderView(String provider, String state, Instant lastSuccessAt, Instant lastAttemptAt,
            String lastError, boolean stale, Duration staleness, Duration pollInterval, Integer publishedOfferCount,
            long offers, long offersAvailable, Instant lastObservedAt, List<String> capabilities) {
    }

    /** An offer picked by a selection, with its rank and why it ranks there. */
    @Schema(name = "SelectionCandidate")
    public record Candidate(int rank, OfferView offer, OfferView.PriceView pricePerHour, BigDecimal pricePerGpu,
            boolean stale, List<String> reasons) {
    }

    /** A near miss: what would fit if the named constraints were relaxed. */
    @Schema(name = "SelectionAlternative")
    public record Alternative(OfferView offer, OfferView.PriceView pricePerHour, List<String> relaxed,
            String reason) {
    }

    /** The answer to a selection request. */
    @Schema(name = "SelectionResult")
    public record SelectionResult(List<Candidate> candidates, List<Alternative> alternatives,
            List<String> staleProviders, Instant evaluatedAt) {
    }
}
