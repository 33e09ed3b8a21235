package dev.skyfleet.providers.sandbox;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuManufacturer;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The simulated cloud's fixed lineup: regions (some with zones) and instance types with base prices. */
final class SandboxLineup {
    record SimRegion(String id, String description, List<String> zones) {
    }

    record SimType(InstanceTypeSpec spec, BigDecimal baseUsdPerHour, boolean spot, Set<String> regions) {
        boolean offeredIn(String region) {
            return regions.isEmpty() || regions.contains(region);
        }
    }

    static final List<SimRegion> REGIONS = List.of(
            new SimRegion("sim-us-east-1", "Simulated US East (3 zones)",
                    List.of("sim-us-east-1a", "sim-us-east-1b", "sim-us-east-1c")),
            new SimRegion("sim-us-west-1", "Simulated US West (2 zones)", List.of("sim-us-west-1a", "sim-us-west-1b")),
            new SimRegion("sim-eu-central-1", "Simulated EU Central (regional)", List.of()),
            new SimRegion("sim-ap-northeast-1", "Simulated Asia Pacific Northeast (regional)", List.of()));

    private SandboxLineup() {
    }

    static List<SimType> types(String provider) {
        Set<Capability> gpuCaps = Set.of(Capability.REBOOT_INSTANCE);
        Set<Capability> stoppable = Set.of(Capability.REBOOT_INSTANCE, Capability.STOP_START_INSTANCE);
        return List.of(
                gpu(provider, "gpu_8x_h100_sxm5", 208, 1800, 24780, "H100", 8, 80, Interconnect.SXM5, "23.92", true,
                        Architecture.X86_64, gpuCaps, Set.of("sim-us-east-1", "sim-us-west-1", "sim-eu-central-1")),
                gpu(provider, "gpu_1x_h100_sxm5", 26, 225, 2750, "H100", 1, 80, Interconnect.SXM5, "3.29", true,
                        Architecture.X86_64, gpuCaps, Set.of()),
                gpu(provider, "gpu_8x_a100_80gb_sxm4", 240, 1800, 20480, "A100", 8, 80, Interconnect.SXM4, "14.32",
                        true, Architecture.X86_64, gpuCaps, Set.of()),
                gpu(provider, "gpu_1x_a100_80gb_pcie", 30, 200, 512, "A100", 1, 80, Interconnect.PCIE, "1.79", true,
                        Architecture.X86_64, stoppable, Set.of()),
                gpu(provider, "gpu_4x_l40s", 96, 768, 3800, "L40S", 4, 48, Interconnect.PCIE, "4.40", true,
                        Architecture.X86_64, stoppable, Set.of()),
                gpu(provider, "gpu_1x_l40s", 24, 192, 950, "L40S", 1, 48, Interconnect.PCIE, "1.10", true,
                        Architecture.X86_64, stoppable, Set.of()),
                gpu(provider, "gpu_1x_a10", 30, 200, 1400, "A10", 1, 24, Interconnect.PCIE, "0.75", true,
                        Architecture.X86_64, stoppable, Set.of()),
                gpu(provider, "gpu_1x_l4", 8, 32, 250, "L4", 1, 24, Interconnect.PCIE, "0.70", true,
                        Architecture.X86_64, stoppable, Set.of("sim-us-east-1", "sim-us-west-1", "sim-ap-northeast-1")),
                gpu(provider, "gpu_1x_gh200", 64, 432, 4096, "GH200", 1, 96, null, "1.49", false, Architecture.ARM64,
                        gpuCaps, Set.of("sim-us-east-1", "sim-eu-central-1")),
                cpu(provider, "cpu_4x_general", 4, 16, "0.10", Architecture.X86_64, stoppable),
                cpu(provider, "cpu_16x_general", 16, 64, "0.40", Architecture.X86_64, stoppable),
                cpu(provider, "cpu_8x_arm", 8, 32, "0.22", Architecture.ARM64, stoppable));
    }

    private static SimType gpu(String provider, String name, int vcpus, int memGib, int storageGb, String model,
            int count, int gb, Interconnect ic, String price, boolean spot, Architecture arch, Set<Capability> caps,
            Set<String> regions) {
        Gpu gpu = new Gpu(model, BigDecimal.valueOf(count), BigDecimal.valueOf(gb), ic, GpuManufacturer.NVIDIA,
                count + "x " + model + " (" + gb + " GB" + (ic == null ? "" : " " + ic.wire()) + ")");
        InstanceTypeSpec spec = new InstanceTypeSpec(provider, name, BigDecimal.valueOf(vcpus),
                BigDecimal.valueOf(memGib), BigDecimal.valueOf(storageGb), gpu, arch, caps, "simulated",
                "Simulated " + gpu.raw());
        return new SimType(spec, new BigDecimal(price), spot, regions);
    }

    private static SimType cpu(String provider, String name, int vcpus, int memGib, String price, Architecture arch,
            Set<Capability> caps) {
        InstanceTypeSpec spec = new InstanceTypeSpec(provider, name, BigDecimal.valueOf(vcpus),
                BigDecimal.valueOf(memGib), null, null, arch, caps, "simulated",
                "Simulated " + vcpus + " vCPU " + arch.wire());
        return new SimType(spec, new BigDecimal(price), true, Set.of());
    }
}
