package dev.skyfleet.providers.aws;

import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuManufacturer;
import dev.skyfleet.model.GpuNames;
import dev.skyfleet.model.Interconnect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * GPU facts from {@code DescribeInstanceTypes.GpuInfo}, with the quirks of {@code aws-ec2-catalog.md} §2:
 * <ul>
 * <li>memory is per GPU in usable MiB → nominal GB via {@link GpuNames#nominalMemoryGb} (L4 22888 MiB → 24 GB);</li>
 * <li>{@code p4de}: name says {@code A100}, it is the 80 GB part; {@code p3dn}: V100 32 GB;</li>
 * <li>{@code p5e}/{@code p5en}: older API named the GPU {@code NVIDIA} → H200;</li>
 * <li>{@code g6f}/{@code gr6f}: fractional L4; count = SizeInMiB / 22888 rounded to 3 places (0.25, 0.125...),
 *     memory per GPU is the full card's nominal 24 GB, so {@link Gpu#totalMemoryGb()} is the share;</li>
 * <li>{@code g7e}: {@code RTX PRO Server 6000} → RTXPRO6000;</li>
 * <li>the interconnect is not in the API: a curated table by family (p4 SXM4, p5 SXM5, p6-b200 SXM6, else PCIe).</li>
 * </ul>
 * {@code Workloads} is not modelled by SDK 2.40.2 (unknown XML elements are skipped), so its unstable order cannot
 * leak into our records.
 */
public final class AwsGpu {
    static final int L4_FULL_MIB = 22888;

    private AwsGpu() {
    }

    /**
     * @param instanceType e.g. {@code p4de.24xlarge}
     * @param name {@code GpuInfo.Gpus[0].Name}
     * @param manufacturer {@code GpuInfo.Gpus[0].Manufacturer}
     * @param count {@code GpuInfo.Gpus[0].Count} (may be 0 for fractional types)
     * @param sizeInMiB per-GPU memory
     */
    public static Gpu map(String instanceType, String name, String manufacturer, Integer count, Integer sizeInMiB) {
        String family = family(instanceType);
        String raw = name;
        String model = GpuNames.model(name);
        BigDecimal n = count == null ? BigDecimal.ZERO : BigDecimal.valueOf(count);
        int mib = sizeInMiB == null ? 0 : sizeInMiB;
        BigDecimal memory = null;
        if (family.startsWith("p5e") || "NVIDIA".equalsIgnoreCase(name)) {
            model = family.startsWith("p5e") ? "H200" : model;
        }
        if (family.equals("g6f") || family.equals("gr6f")) {
            model = "L4";
            n = BigDecimal.valueOf(mib).divide(BigDecimal.valueOf(L4_FULL_MIB), 3, RoundingMode.HALF_UP);
            memory = BigDecimal.valueOf(24);
        }
        if (family.equals("p4de")) {
            model = "A100";
            memory = BigDecimal.valueOf(80);
        }
        if (family.equals("p3dn")) {
            model = "V100";
            memory = BigDecimal.valueOf(32);
        }
        if (model == null || n.signum() <= 0) {
            return null;
        }
        if (memory == null) {
            memory = model.equals("H200") && mib <= 0 ? BigDecimal.valueOf(141) : GpuNames.nominalMemoryGb(model, mib);
        }
        GpuManufacturer maker = GpuManufacturer.fromWire(manufacturer);
        return new Gpu(model, n, memory, interconnect(family), maker == GpuManufacturer.UNKNOWN ? null : maker, raw);
    }

    static Interconnect interconnect(String family) {
        if (family.equals("p4d") || family.equals("p4de")) {
            return Interconnect.SXM4;
        }
        if (family.startsWith("p5")) {
            return Interconnect.SXM5;
        }
        if (family.startsWith("p6")) {
            return Interconnect.SXM6;
        }
        if (family.startsWith("p3")) {
            return Interconnect.SXM;
        }
        return Interconnect.PCIE;
    }

    /** {@code p5e.48xlarge} → {@code p5e}; {@code p6-b200.48xlarge} → {@code p6-b200}. */
    static String family(String instanceType) {
        if (instanceType == null) {
            return "";
        }
        int dot = instanceType.indexOf('.');
        return (dot < 0 ? instanceType : instanceType.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
