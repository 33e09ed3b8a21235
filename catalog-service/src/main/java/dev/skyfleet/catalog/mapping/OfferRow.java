package dev.skyfleet.catalog.mapping;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.skyfleet.catalog.OfferView;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One offer event flattened into the columns of the {@code offer} table; a batch of these travels to PostgreSQL
 * as one JSON array parameter ({@code jsonb_to_recordset}), so a whole batch is one statement. The change log's
 * offer JSON is built from the same columns in SQL.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OfferRow(String id, String provider, String cloud, String region, String zone, String instanceType,
        String usage, String gpuModel, BigDecimal gpuCount, BigDecimal gpuMemoryGb, BigDecimal gpuTotalMemoryGb,
        String gpuInterconnect, String gpuManufacturer, String gpuRaw, BigDecimal vcpus, BigDecimal memoryGib,
        BigDecimal storageGb, String arch, String capabilities, BigDecimal price, String currency, boolean available,
        boolean removed, String source, String specHash, Instant observedAt, Instant eventAt) {
    /** Spec hashes by what they hash; instance types repeat across regions, zones and usage classes. */
    private static final Map<SpecKey, String> SPEC_HASHES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_HASHES = 50_000;

    private record SpecKey(InstanceTypeSpec spec, String cloud, OfferSource source) {
    }


    /** The row for an event; the ordering key is (offer observation time, event time). */
    public static OfferRow of(OfferEvent event) {
        Offer offer = event.offer();
        boolean removed = event.isRemoval();
        OfferView view = OfferMapper.fromOffer(offer, removed);
        OfferView.GpuView gpu = view.gpu();
        return new OfferRow(offer.id(), offer.provider(), offer.cloud(), offer.region(), offer.zone(),
                offer.instanceType(), view.usage(), gpu == null ? null : gpu.model(), gpu == null ? null : gpu.count(),
                gpu == null ? null : gpu.memoryGb(), gpu == null ? null : gpu.totalMemoryGb(),
                gpu == null ? null : gpu.interconnect(), gpu == null ? null : gpu.manufacturer(),
                gpu == null ? null : gpu.raw(), view.vcpus(), view.memoryGb(), view.storageGb(), view.arch(),
                String.join(",", view.capabilities()), view.priceAmount(),
                view.pricePerHour() == null ? null : view.pricePerHour().currency(), offer.available(), removed,
                view.source(), specHash(offer), offer.observedAt(), event.at());
    }

    /** Hash of everything but price, availability and times: a change of it is an {@code updated} change. */
    static String specHash(Offer offer) {
        SpecKey key = new SpecKey(offer.spec(), offer.cloud(), offer.source());
        String cached = SPEC_HASHES.get(key);
        if (cached != null) {
            return cached;
        }
        if (SPEC_HASHES.size() > MAX_CACHED_HASHES) {
            SPEC_HASHES.clear();
        }
        String hash = computeSpecHash(offer);
        SPEC_HASHES.put(key, hash);
        return hash;
    }

    private static String computeSpecHash(Offer offer) {
        String text = Json.write(offer.spec()) + '|' + offer.cloud() + '|' + offer.source().wire();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
