package dev.skyfleet.providers.lambda;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuNames;
import dev.skyfleet.model.Interconnect;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPU facts from Lambda's free-text description: {@code "8x H100 (80 GB SXM5)"} → H100 × 8, 80 GB, SXM5;
 * {@code "1x NVIDIA A10 (24 GB)"} → A10; {@code "8x Tesla V100 (16 GB)"} → V100; {@code "1x RTX 6000 (24 GB)"} →
 * RTX6000. CPU types ({@code "4x CPU General (16 GiB)"}) have no GPU.
 */
public final class LambdaGpu {
    private static final Pattern DESCRIPTION = Pattern.compile(
            "^\\s*(\\d+)\\s*x\\s+(.+?)\\s*\\(\\s*(\\d+(?:\\.\\d+)?)\\s*GB\\s*([A-Za-z0-9-]+)?\\s*\\)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GPU_DESCRIPTION = Pattern.compile(
            "^\\s*(.+?)\\s*\\(\\s*(\\d+(?:\\.\\d+)?)\\s*GB\\s*([A-Za-z0-9-]+)?\\s*\\)\\s*$", Pattern.CASE_INSENSITIVE);

    private LambdaGpu() {
    }

    /**
     * Parses the GPU of a type.
     *
     * @param description e.g. {@code 8x H100 (80 GB SXM5)}
     * @param gpuDescription e.g. {@code H100 (80 GB SXM5)}; used when description does not parse
     * @param specsGpus {@code specs.gpus}, preferred for the count; null when absent
     * @return the GPU, or null for CPU types
     */
    public static Gpu parse(String description, String gpuDescription, Integer specsGpus) {
        if (specsGpus != null && specsGpus == 0) {
            return null;
        }
        String rawModel = null;
        BigDecimal memory = null;
        String formFactor = null;
        Integer count = null;
        String raw = null;
        if (description != null) {
            Matcher m = DESCRIPTION.matcher(description);
            if (m.matches()) {
                count = Integer.valueOf(m.group(1));
                rawModel = m.group(2);
                memory = new BigDecimal(m.group(3));
                formFactor = m.group(4);
                raw = description.trim();
            }
        }
        if (rawModel == null && gpuDescription != null) {
            Matcher m = GPU_DESCRIPTION.matcher(gpuDescription);
            if (m.matches()) {
                rawModel = m.group(1);
                memory = new BigDecimal(m.group(2));
                formFactor = m.group(3);
                raw = gpuDescription.trim();
            }
        }
        if (rawModel == null || rawModel.toUpperCase(Locale.ROOT).contains("CPU")) {
            return null;
        }
        GpuNames.ParsedName parsed = GpuNames.parse(rawModel);
        int n = specsGpus != null && specsGpus > 0 ? specsGpus : count == null ? 1 : count;
        Interconnect interconnect = Interconnect.fromWire(formFactor);
        if (interconnect == null) {
            interconnect = parsed.interconnect();
        }
        return new Gpu(parsed.model(), BigDecimal.valueOf(n), memory != null ? memory : parsed.memoryGb(),
                interconnect, null, raw);
    }

    /** Grace-based hosts (GH200, GB200, GB300) are arm64; everything else Lambda sells is x86_64. */
    public static Architecture architecture(Gpu gpu) {
        if (gpu != null && (gpu.model().startsWith("GH") || gpu.model().startsWith("GB"))) {
            return Architecture.ARM64;
        }
        return Architecture.X86_64;
    }
}
