package dev.skyfleet.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An offer as the HTTP API and the event stream show it.
 *
 * @param id {@code provider:region:zone:type:usage-class}
 * @param provider who Skyfleet talks to
 * @param cloud whose hardware it runs on (differs from provider for brokers)
 * @param region provider region code
 * @param zone availability zone; absent for regional offers
 * @param instanceType the provider's SKU
 * @param usage {@code on-demand} or {@code spot}
 * @param gpu accelerators; absent for CPU-only types
 * @param vcpus host vCPUs
 * @param memoryGb host memory in GiB
 * @param storageGb local storage in GB, when known
 * @param arch {@code x86_64}, {@code arm64} or {@code unknown}
 * @param capabilities what the instance type allows
 * @param pricePerHour whole-instance price per hour; absent when the provider has no price yet
 * @param pricePerGpu price per GPU per hour; absent without GPUs or price
 * @param available capacity now, as far as the provider tells
 * @param removed true when the provider no longer lists the offer
 * @param source {@code api}, {@code catalog-file} or {@code simulator}
 * @param observedAt when the provider was read
 */
@Schema(name = "Offer")
public record OfferView(String id, String provider, String cloud, String region, String zone, String instanceType,
        String usage, GpuView gpu, BigDecimal vcpus, BigDecimal memoryGb, BigDecimal storageGb, String arch,
        List<String> capabilities, PriceView pricePerHour, BigDecimal pricePerGpu, boolean available,
        boolean removed, String source, Instant observedAt) {

    /** GPUs of an offer: normalised model, count, memory per GPU and in total (decimal GB). */
    @Schema(name = "Gpu")
    public record GpuView(String model, BigDecimal count, BigDecimal memoryGb, BigDecimal totalMemoryGb,
            String interconnect, String manufacturer, String raw) {
    }

    /** An amount per hour in an ISO 4217 currency. */
    @Schema(name = "Price")
    public record PriceView(BigDecimal amount, String currency) {
    }

    public BigDecimal priceAmount() {
        return pricePerHour == null ? null : pricePerHour.amount();
    }
}
