package dev.skyfleet.catalog;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/** Test data: offers with unique providers so tests never see each other's data. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A provider id no other test uses. */
    public static String uniqueProvider() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A time in the past, whole milliseconds (PostgreSQL keeps microseconds). */
    public static Instant minutesAgo(long minutes) {
        return Instant.now().minus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    }

    public static InstanceTypeSpec spec(String provider, String type, String gpuRawName, int gpuCount,
            int gpuMemoryGb, int vcpus, int memoryGib, Architecture arch) {
        Gpu gpu = gpuRawName == null ? null
                : new Gpu(dev.skyfleet.model.GpuNames.model(gpuRawName), BigDecimal.valueOf(gpuCount),
                        BigDecimal.valueOf(gpuMemoryGb), null, null, gpuRawName);
        return new InstanceTypeSpec(provider, type, BigDecimal.valueOf(vcpus), BigDecimal.valueOf(memoryGib), null,
                gpu, arch, Set.of(Capability.REBOOT_INSTANCE), null, null);
    }

    public static Offer offer(String provider, String region, InstanceTypeSpec spec, UsageClass usage,
            String price, boolean available, Instant observedAt) {
        return Offer.of(provider, null, region, null, usage, spec, price == null ? null : Price.usd(price), available,
                OfferSource.API, observedAt);
    }

    /** An 8-GPU offer of {@code gpu} with 80 GB per GPU, 208 vCPU and 1800 GiB. */
    public static Offer gpuOffer(String provider, String region, String type, String gpu, int count, String price,
            boolean available, Instant observedAt) {
        return offer(provider, region, spec(provider, type, gpu, count, 80, 26 * count, 225 * count,
                Architecture.X86_64), UsageClass.ON_DEMAND, price, available, observedAt);
    }
}
