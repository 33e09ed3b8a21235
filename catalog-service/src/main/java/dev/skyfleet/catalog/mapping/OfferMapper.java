package dev.skyfleet.catalog.mapping;

import dev.skyfleet.catalog.OfferView;
import dev.skyfleet.catalog.OfferView.GpuView;
import dev.skyfleet.catalog.OfferView.PriceView;
import dev.skyfleet.catalog.repository.OfferEntity;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuNames;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Numbers;
import dev.skyfleet.model.Offer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Offer records from Kafka and offer rows from the database to the API view. */
public final class OfferMapper {
    private OfferMapper() {
    }

    /** The view of an offer as it arrives from Kafka. */
    public static OfferView fromOffer(Offer offer, boolean removed) {
        InstanceTypeSpec spec = offer.spec();
        Gpu gpu = spec.gpu();
        GpuView gpuView = gpu == null ? null
                : new GpuView(normaliseModel(gpu.model()), gpu.count(), gpu.memoryGb(), gpu.totalMemoryGb(),
                        gpu.interconnect() == null ? null : gpu.interconnect().wire(),
                        gpu.manufacturer() == null ? null : gpu.manufacturer().wire(), gpu.raw());
        PriceView price = offer.pricePerHour() == null ? null
                : new PriceView(offer.pricePerHour().amount(), offer.pricePerHour().currency());
        return new OfferView(offer.id(), offer.provider(), offer.cloud(), offer.region(), offer.zone(),
                offer.instanceType(), offer.usage().wire(), gpuView, spec.vcpus(), spec.memoryGib(), spec.storageGb(),
                spec.architecture().wire(), capabilities(spec), price,
                pricePerGpu(price == null ? null : price.amount(), gpu == null ? null : gpu.count()), offer.available(),
                removed, offer.source().wire(), offer.observedAt());
    }

    /** The view of a stored offer. */
    public static OfferView fromEntity(OfferEntity e) {
        GpuView gpu = e.gpuModel == null ? null
                : new GpuView(e.gpuModel, Numbers.canonical(e.gpuCount), Numbers.canonical(e.gpuMemoryGb),
                        Numbers.canonical(e.gpuTotalMemoryGb), e.gpuInterconnect, e.gpuManufacturer, e.gpuRaw);
        PriceView price = e.price == null ? null : new PriceView(Numbers.canonical(e.price), e.currency);
        return new OfferView(e.id, e.provider, e.cloud, e.region, e.zone, e.instanceType, e.usage, gpu,
                Numbers.canonical(e.vcpus), Numbers.canonical(e.memoryGib), Numbers.canonical(e.storageGb), e.arch,
                splitCapabilities(e.capabilities), price, Numbers.canonical(e.pricePerGpu), e.available, e.removed,
                e.source, e.observedAt);
    }

    /** Normalised GPU model ({@code NVIDIA H100 80GB} and {@code h100} give {@code H100}); null stays null. */
    public static String normaliseModel(String raw) {
        return GpuNames.model(raw);
    }

    static BigDecimal pricePerGpu(BigDecimal price, BigDecimal count) {
        if (price == null || count == null || count.signum() <= 0) {
            return null;
        }
        return Numbers.canonical(price.divide(count, 6, RoundingMode.HALF_UP));
    }

    static List<String> capabilities(InstanceTypeSpec spec) {
        return spec.capabilities().stream().map(Capability::wire).toList();
    }

    public static String joinCapabilities(java.util.Collection<Capability> capabilities) {
        return capabilities == null ? "" : capabilities.stream().map(Capability::wire).sorted()
                .collect(Collectors.joining(","));
    }

    public static List<String> splitCapabilities(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
