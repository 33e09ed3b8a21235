package dev.skyfleet.generator.mapping;

import java.math.BigDecimal;

/**
 * An instance type of one provider as it appears in a snapshot (flat, so overlays can set single fields).
 *
 * @param id {@code provider/type}, the id overlays refer to
 * @param name the provider's SKU name
 * @param vcpus host vCPUs
 * @param memoryGib host memory in GiB
 * @param storageGb local storage in GB; null when none or unknown
 * @param architecture {@code x86_64}, {@code arm64} or {@code unknown}
 * @param gpuModel normalised GPU model; null for CPU-only types
 * @param gpuCount number of GPUs; null for CPU-only types
 * @param gpuMemoryGb memory per GPU in GB; null when unknown
 * @param gpuInterconnect PCIe / SXM variant; null when unknown
 * @param network network performance text; null when unknown
 * @param description provider text; null when none
 */
public record TypeEntry(String id, String name, BigDecimal vcpus, BigDecimal memoryGib, BigDecimal storageGb,
        String architecture, String gpuModel, BigDecimal gpuCount, BigDecimal gpuMemoryGb, String gpuInterconnect,
        String network, String description) {

    public boolean hasGpu() {
        return gpuModel != null && gpuCount != null && gpuCount.signum() > 0;
    }
}
