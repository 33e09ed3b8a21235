package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The accelerators of an instance type.
 *
 * @param model normalised base model, upper case, no vendor prefix ({@code H100}); see {@link GpuNames}
 * @param count number of GPUs; fractional for shared GPUs (AWS g6f: 0.25)
 * @param memoryGb memory per GPU in decimal GB, nominal as the vendor states it; null when unknown
 * @param interconnect PCIe / SXM variant; null when the provider does not say
 * @param manufacturer who makes it
 * @param raw the provider's own string, kept for display and debugging
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gpu(String model, BigDecimal count, BigDecimal memoryGb, Interconnect interconnect,
        GpuManufacturer manufacturer, String raw) {

    public Gpu {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(count, "count");
        count = Numbers.canonical(count);
        memoryGb = Numbers.canonical(memoryGb);
        manufacturer = manufacturer == null ? GpuNames.manufacturer(model) : manufacturer;
    }

    /** Total GPU memory of the instance in GB, or null when the per-GPU memory is unknown. */
    public BigDecimal totalMemoryGb() {
        return memoryGb == null ? null : Numbers.canonical(memoryGb.multiply(count));
    }
}
