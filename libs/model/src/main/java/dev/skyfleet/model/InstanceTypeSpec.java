package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one instance type of one provider is, wherever it is offered.
 *
 * @param provider provider id ({@code lambda}, {@code aws}, {@code shadeform}, {@code gcp}, ...)
 * @param name the provider's SKU name, verbatim ({@code gpu_8x_h100_sxm5}, {@code p5.48xlarge})
 * @param vcpus host vCPUs (fractional for shared-core types)
 * @param memoryGib host memory in GiB
 * @param storageGb local storage in GB; null when none or unknown
 * @param gpu accelerators; null for CPU-only types
 * @param architecture host CPU architecture
 * @param capabilities what this type allows, narrowing the provider's capabilities (reboot, stop/start, ...)
 * @param networkPerformance provider text such as {@code 50 Gigabit}; null when unknown
 * @param description provider text describing the type; null when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceTypeSpec(String provider, String name, BigDecimal vcpus, BigDecimal memoryGib,
        BigDecimal storageGb, Gpu gpu, Architecture architecture, Set<Capability> capabilities,
        String networkPerformance, String description) {

    public InstanceTypeSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        vcpus = Numbers.canonical(vcpus);
        memoryGib = Numbers.canonical(memoryGib);
        storageGb = Numbers.canonical(storageGb);
        architecture = architecture == null ? Architecture.UNKNOWN : architecture;
        TreeSet<Capability> sorted = new TreeSet<>();
        if (capabilities != null) {
            capabilities.stream().filter(Objects::nonNull).forEach(sorted::add);
        }
        capabilities = java.util.Collections.unmodifiableSet(sorted);
    }

    /** Kafka key of {@code skyfleet.instance-types.v1}: {@code provider/type}. */
    @JsonIgnore
    public String key() {
        return provider + "/" + name;
    }

    @JsonIgnore
    public boolean hasGpu() {
        return gpu != null;
    }
}
