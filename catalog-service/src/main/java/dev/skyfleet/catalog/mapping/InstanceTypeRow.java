package dev.skyfleet.catalog.mapping;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import java.math.BigDecimal;
import java.time.Instant;

/** An instance type event flattened into the columns of {@code instance_type}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstanceTypeRow(String provider, String name, BigDecimal vcpus, BigDecimal memoryGib,
        BigDecimal storageGb, String gpuModel, BigDecimal gpuCount, BigDecimal gpuMemoryGb, String gpuInterconnect,
        String gpuManufacturer, String gpuRaw, String arch, String capabilities, String networkPerformance,
        String description, boolean removed, Instant observedAt) {

    public static InstanceTypeRow of(InstanceTypeEvent event) {
        InstanceTypeSpec spec = event.spec();
        Gpu gpu = spec.gpu();
        return new InstanceTypeRow(spec.provider(), spec.name(), spec.vcpus(), spec.memoryGib(), spec.storageGb(),
                gpu == null ? null : OfferMapper.normaliseModel(gpu.model()), gpu == null ? null : gpu.count(),
                gpu == null ? null : gpu.memoryGb(),
                gpu == null || gpu.interconnect() == null ? null : gpu.interconnect().wire(),
                gpu == null || gpu.manufacturer() == null ? null : gpu.manufacturer().wire(),
                gpu == null ? null : gpu.raw(), spec.architecture().wire(),
                OfferMapper.joinCapabilities(spec.capabilities()), spec.networkPerformance(), spec.description(),
                event.removed(), event.at());
    }
}
