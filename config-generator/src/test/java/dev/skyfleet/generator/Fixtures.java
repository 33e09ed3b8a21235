package dev.skyfleet.generator;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** Small builders for catalog facts used across tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private Fixtures() {
    }

    public static InstanceTypeSpec gpuType(String provider, String name, int vcpus, int memGib, int gpus, String model,
            int gpuMemGb) {
        return new InstanceTypeSpec(provider, name, BigDecimal.valueOf(vcpus), BigDecimal.valueOf(memGib),
                BigDecimal.valueOf(512), new Gpu(model, BigDecimal.valueOf(gpus), BigDecimal.valueOf(gpuMemGb),
                        Interconnect.SXM5, null, model),
                Architecture.X86_64, Set.of(), null, null);
    }

    public static InstanceTypeSpec cpuType(String provider, String name, int vcpus, int memGib, Architecture arch) {
        return new InstanceTypeSpec(provider, name, BigDecimal.valueOf(vcpus), BigDecimal.valueOf(memGib), null, null,
                arch, Set.of(), "Up to 12.5 Gigabit", null);
    }

    public static Offer offer(InstanceTypeSpec spec, String region, String price, boolean available) {
        return Offer.of(spec.provider(), null, region, null, UsageClass.ON_DEMAND, spec,
                price == null ? null : Price.usd(price), available, OfferSource.API, T0);
    }

    public static Offer spot(InstanceTypeSpec spec, String region, String price, boolean available) {
        return Offer.of(spec.provider(), null, region, null, UsageClass.SPOT, spec, Price.usd(price), available,
                OfferSource.API, T0);
    }
}
