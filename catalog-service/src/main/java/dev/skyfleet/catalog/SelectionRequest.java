package dev.skyfleet.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a caller needs; every field is optional and named like the search parameters. Only offers with capacity
 * now and a price are candidates.
 *
 * @param gpu GPU model in any spelling ({@code h100}, {@code NVIDIA H100}, {@code H100-80GB})
 * @param gpuCount exactly this many GPUs
 * @param minGpuCount at least this many GPUs
 * @param minGpuMemoryGb at least this much memory per GPU (GB)
 * @param minVcpus at least this many vCPUs
 * @param minMemoryGb at least this much host memory (GiB)
 * @param providers only these providers
 * @param clouds only these clouds
 * @param regions only these regions
 * @param maxPrice at most this price per hour
 * @param usage {@code on-demand} or {@code spot}
 * @param arch {@code x86_64} or {@code arm64}
 * @param limit most candidates to return (default 10)
 */
@Schema(name = "SelectionRequest")
public record SelectionRequest(@Size(max = 100) String gpu, BigDecimal gpuCount, BigDecimal minGpuCount,
        BigDecimal minGpuMemoryGb, BigDecimal minVcpus, BigDecimal minMemoryGb,
        @Size(max = 50) List<@Size(max = 100) String> providers, @Size(max = 50) List<@Size(max = 100) String> clouds,
        @Size(max = 50) List<@Size(max = 100) String> regions, BigDecimal maxPrice, @Size(max = 20) String usage,
        @Size(max = 20) String arch, @Min(1) @Max(100) Integer limit) {
}
