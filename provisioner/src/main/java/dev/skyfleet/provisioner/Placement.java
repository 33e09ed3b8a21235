package dev.skyfleet.provisioner;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skyfleet.model.GpuNames;
import java.math.BigDecimal;
import java.util.List;

/**
 * Where an instance may run: either one offer id, or constraints the worker turns into an ordered list of
 * candidate offers (cheapest first).
 *
 * @param offerId a specific offer ({@code provider:region:zone:type:usage-class}); the other constraints then only
 *     narrow it (a price limit still applies)
 * @param gpuModel GPU model in any spelling ({@code h100}, {@code NVIDIA H100}), normalised as the catalog does;
 *     also accepted as {@code gpu}, the name catalog searches use; null for any
 * @param gpuCount exact number of GPUs; null for any
 * @param minVcpus minimum host vCPUs
 * @param minMemoryGib minimum host memory in GiB
 * @param providers providers allowed ({@code lambda}, {@code aws}, ...); empty for any
 * @param clouds clouds allowed (the hardware owner behind a broker); empty for any
 * @param regions regions allowed; empty for any
 * @param maxPricePerHour highest acceptable price per hour for the whole instance, USD
 * @param usageClass {@code on-demand} or {@code spot}; null for on-demand
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(String offerId, @JsonAlias("gpu") String gpuModel, Integer gpuCount, BigDecimal minVcpus,
        BigDecimal minMemoryGib, List<String> providers, List<String> clouds, List<String> regions,
        BigDecimal maxPricePerHour, String usageClass) {

    public Placement {
        gpuModel = GpuNames.model(gpuModel);
        providers = providers == null ? List.of() : List.copyOf(providers);
        clouds = clouds == null ? List.of() : List.copyOf(clouds);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
