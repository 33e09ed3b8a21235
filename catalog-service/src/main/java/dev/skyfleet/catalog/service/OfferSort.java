package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.repository.OfferEntity;
import java.math.BigDecimal;
import java.util.List;

/** Orders of the offer search, each a total order (ties broken by id) usable for keyset pagination. */
public enum OfferSort {
    /** Cheapest whole-instance price first; unpriced offers last. */
    PRICE("price", "o.priceKey asc, o.id asc"),
    /** Cheapest price per GPU first; offers without GPUs or price last. */
    PRICE_PER_GPU("pricePerGpu", "o.pricePerGpuKey asc, o.id asc"),
    /** Most total GPU memory first, then cheapest. */
    GPU_MEMORY("gpuMemory", "o.gpuMemoryKey desc, o.priceKey asc, o.id asc");

    private final String wire;
    private final String orderBy;

    OfferSort(String wire, String orderBy) {
        this.wire = wire;
        this.orderBy = orderBy;
    }

    public String wire() {
        return wire;
    }

    /** HQL order-by list over alias {@code o}. */
    public String orderBy() {
        return orderBy;
    }

    /** HQL condition selecting rows after the cursor position (binds {@code k1}, {@code k2}, {@code kid}). */
    public String after() {
        return switch (this) {
            case PRICE -> "(o.priceKey > :k1 or (o.priceKey = :k1 and o.id > :kid))";
            case PRICE_PER_GPU -> "(o.pricePerGpuKey > :k1 or (o.pricePerGpuKey = :k1 and o.id > :kid))";
            case GPU_MEMORY -> "(o.gpuMemoryKey < :k1 or (o.gpuMemoryKey = :k1 and (o.priceKey > :k2"
                    + " or (o.priceKey = :k2 and o.id > :kid))))";
        };
    }

    /** The sort keys of a row, as the cursor stores them. */
    public List<BigDecimal> keys(OfferEntity row) {
        return switch (this) {
            case PRICE -> List.of(row.priceKey);
            case PRICE_PER_GPU -> List.of(row.pricePerGpuKey);
            case GPU_MEMORY -> List.of(row.gpuMemoryKey, row.priceKey);
        };
    }

    public int keyCount() {
        return this == GPU_MEMORY ? 2 : 1;
    }

    /** The sort for a query parameter value; null when unknown. */
    public static OfferSort fromWire(String value) {
        for (OfferSort sort : values()) {
            if (sort.wire.equalsIgnoreCase(value)) {
                return sort;
            }
        }
        return null;
    }
}
