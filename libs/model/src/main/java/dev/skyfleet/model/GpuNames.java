package dev.skyfleet.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the many spellings of a GPU into one model name, as in {@code reference/provider-model.md} §7:
 * upper-case base model, no vendor or series prefix; memory and form factor are separate facts.
 * {@code NVIDIA H100 80GB}, {@code h100}, {@code H100-80GB}, {@code H100_SXM5_80GB} all name {@code H100}.
 */
public final class GpuNames {

    /** What a GPU name says: the model and, when the name encodes them, memory per GPU and interconnect. */
    public record ParsedName(String model, BigDecimal memoryGb, Interconnect interconnect) {
    }

    private static final Set<String> VENDOR_TOKENS = Set.of("NVIDIA", "TESLA", "GEFORCE", "QUADRO", "AMD", "INTEL",
            "RADEON-INSTINCT");
    /** Tokens that describe packaging or memory technology, not the model. */
    private static final Set<String> NOISE_TOKENS = Set.of("HBM", "HBM2", "HBM2E", "HBM3", "HBM3E", "GDDR6", "MEGA",
            "SERVER", "SECURE", "COMMUNITY", "ED", "EDITION");
    private static final Map<String, String> ALIASES = Map.of(
            "RTXA6000", "A6000",
            "QRTX6000", "RTX6000",
            "RTX6000-ADA", "RTX6000ADA",
            "RTXPRO6000BLACKWELL", "RTXPRO6000");
    private static final Pattern MEMORY_TOKEN = Pattern.compile("(\\d+)GB?");
    private static final Pattern GLUED_PREFIX = Pattern.compile("^(TESLA|NVIDIA|GEFORCE)(?=[A-Z0-9])");

    /** Nominal memory sizes (decimal GB) per model, for providers that report usable MiB instead. */
    private static final Map<String, List<Integer>> NOMINAL_MEMORY_GB = Map.ofEntries(
            Map.entry("A10", List.of(24)), Map.entry("A10G", List.of(24)), Map.entry("A100", List.of(40, 80)),
            Map.entry("A6000", List.of(48)), Map.entry("B200", List.of(180, 192)), Map.entry("B300", List.of(270, 288)),
            Map.entry("GH200", List.of(96, 144)), Map.entry("H100", List.of(80, 94)), Map.entry("H200", List.of(141)),
            Map.entry("L4", List.of(24)), Map.entry("L40", List.of(48)), Map.entry("L40S", List.of(48)),
            Map.entry("T4", List.of(16)), Map.entry("T4G", List.of(16)), Map.entry("V100", List.of(16, 32)),
            Map.entry("K80", List.of(12)), Map.entry("P100", List.of(16)), Map.entry("P4", List.of(8)),
            Map.entry("MI300X", List.of(192)), Map.entry("RTXPRO6000", List.of(96)));

    private GpuNames() {
    }

    /** The normalised model of any spelling; null for null or blank input. */
    public static String model(String raw) {
        ParsedName parsed = parse(raw);
        return parsed == null ? null : parsed.model();
    }

    /** Parses a provider's or a user's GPU name; null for null or blank input. */
    public static ParsedName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        BigDecimal memory = null;
        Interconnect interconnect = null;
        List<String> kept = new ArrayList<>();
        for (String token : upper.split("[\\s_\\-/]+")) {
            if (token.isEmpty() || VENDOR_TOKENS.contains(token) || NOISE_TOKENS.contains(token)) {
                continue;
            }
            Matcher memoryMatch = MEMORY_TOKEN.matcher(token);
            if (memoryMatch.matches()) {
                memory = new BigDecimal(memoryMatch.group(1));
                continue;
            }
            Interconnect ic = Interconnect.fromWire(token);
            if (ic != null) {
                interconnect = ic;
                continue;
            }
            kept.add(GLUED_PREFIX.matcher(token).replaceFirst(""));
        }
        if (kept.isEmpty()) {
            return new ParsedName(upper, memory, interconnect);
        }
        String joined = String.join("", kept);
        if (kept.size() == 2 && kept.get(1).equals("ADA")) {
            joined = kept.get(0) + "ADA";
        }
        String model = ALIASES.getOrDefault(joined, joined);
        return new ParsedName(model, memory, interconnect);
    }

    /** Who makes a model, from its normalised name. */
    public static GpuManufacturer manufacturer(String model) {
        if (model == null) {
            return GpuManufacturer.UNKNOWN;
        }
        String m = model.toUpperCase(Locale.ROOT);
        if (m.startsWith("MI") || m.startsWith("RADEON")) {
            return GpuManufacturer.AMD;
        }
        if (m.startsWith("GAUDI")) {
            return GpuManufacturer.INTEL;
        }
        if (m.startsWith("TPU")) {
            return GpuManufacturer.GOOGLE;
        }
        if (m.startsWith("INFERENTIA") || m.startsWith("TRAINIUM")) {
            return GpuManufacturer.AWS;
        }
        return GpuManufacturer.NVIDIA;
    }

    /**
     * The usual memory per GPU in decimal GB when a source names the model only (Azure and Paperspace catalog rows
     * say {@code A10}): the smallest nominal size of the model (A100 → 40, H100 → 80); null when the model is unknown.
     */
    public static BigDecimal typicalMemoryGb(String model) {
        List<Integer> known = NOMINAL_MEMORY_GB.get(model == null ? "" : model.toUpperCase(Locale.ROOT));
        return known == null || known.isEmpty() ? null : BigDecimal.valueOf(known.get(0));
    }

    /**
     * Nominal memory per GPU in decimal GB for a reported size in MiB: AWS reports usable memory (L4: 22888 MiB),
     * which maps to the size the vendor states (24 GB). Falls back to MiB/1024 rounded when the model is unknown.
     */
    public static BigDecimal nominalMemoryGb(String model, long reportedMib) {
        if (reportedMib <= 0) {
            return null;
        }
        double gib = reportedMib / 1024.0;
        List<Integer> known = NOMINAL_MEMORY_GB.get(model == null ? "" : model.toUpperCase(Locale.ROOT));
        if (known != null) {
            Integer best = null;
            for (Integer candidate : known) {
                double distance = Math.abs(candidate - gib) / candidate;
                if (distance <= 0.12 && (best == null || distance < Math.abs(best - gib) / best)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return BigDecimal.valueOf(best);
            }
        }
        return BigDecimal.valueOf(gib).setScale(0, RoundingMode.HALF_UP);
    }
}
