package dev.skyfleet.provisioner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * Where an instance may run: either one offer id, or constraints the worker turns into an ordered list of
 * candidate offers (cheapest first).
 *
 * @param offerId a specific offer ({@code provider:region:zone:type:usage-class}); the other constraints then only
 *     narrow it (a price limit still applies)
 * @param gpuModel normalised GPU model ({@code H100}); null for any
 * @param gpuCount exact number of GPUs; null for any
 * @param minVcpus minimum host vCPUs
 * @param minMemoryGib minimum host memory in GiB
 * @param providers providers allowed ({@code lambda}, {@code aws}, ...); empty for any
 * @param clouds clouds allowed (the hardware owner behind a broker); empty for any
 * @param regions regions allowed; empty for any
 * @param maxPricePerHour highest acceptable price per hour for the whole instance, USD
 * @param usageClass {@code on-demand} or {@code spot}; null for on-demand
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(String offerId, String gpuModel, Integer gpuCount, BigDecimal minVcpus,
        BigDecimal minMemoryGib, List<String> providers, List<String> clouds, List<String> regions,
        BigDecimal maxPricePerHour, String usageClass) {

    public Placement {
        providers = providers == null ? List.of() : List.copyOf(providers);
        clouds = clouds == null ? List.of() : List.copyOf(clouds);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
