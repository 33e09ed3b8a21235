package dev.skyfleet.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private Fixtures() {
    }

    static InstanceTypeSpec h100x8() {
        Gpu gpu = new Gpu("H100", BigDecimal.valueOf(8), BigDecimal.valueOf(80), Interconnect.SXM5,
                GpuManufacturer.NVIDIA, "8x H100 (80 GB SXM5)");
        return new InstanceTypeSpec("lambda", "gpu_8x_h100_sxm5", BigDecimal.valueOf(208), BigDecimal.valueOf(1800),
                BigDecimal.valueOf(24780), gpu, Architecture.X86_64,
                Set.of(Capability.REBOOT_INSTANCE, Capability.CREATE_INSTANCE), null, "8x H100 (80 GB SXM5)");
    }

    static Offer h100Offer(String price, boolean available) {
        return Offer.of("lambda", null, "us-east-1", null, UsageClass.ON_DEMAND, h100x8(), Price.usd(price), available,
                OfferSource.API, T0);
    }
}
