package dev.skyfleet.generator.render;

import dev.skyfleet.generator.mapping.RegionEntry;
import dev.skyfleet.generator.mapping.TypeEntry;
import dev.skyfleet.generator.render.ProviderSummary.TypeStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kdevops's per-family AWS layout: {@code Kconfig.compute.generated} (family choice grouped by category, one
 * {@code if}/{@code source} per family, the {@code TERRAFORM_AWS_INSTANCE_TYPE} string with {@code output yaml}),
 * {@code instance-types/Kconfig.<family>.generated} (size choice plus the {@code TERRAFORM_AWS_<FAM>_SIZE}
 * string) and {@code Kconfig.location.generated} (region choice plus {@code TERRAFORM_AWS_REGION}).
 * Categories come from the data (GPU types are accelerated) and a longest-prefix table, so {@code mac},
 * {@code trn}, {@code dl}, {@code inf} and {@code hpc} land where they belong.
 */
public final class AwsKconfigRenderer {
    private static final String PREFIX = "TERRAFORM_AWS";
    private static final List<String> CATEGORIES = List.of("General Purpose", "Compute Optimized", "Memory Optimized",
            "Storage Optimized", "Accelerated Computing", "High Performance Computing", "Mac", "Other");
    private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        for (String p : List.of("m", "t", "a")) {
            PREFIXES.put(p, "General Purpose");
        }
        PREFIXES.put("c", "Compute Optimized");
        for (String p : List.of("r", "x", "z", "u")) {
            PREFIXES.put(p, "Memory Optimized");
        }
        for (String p : List.of("i", "d", "h")) {
            PREFIXES.put(p, "Storage Optimized");
        }
        for (String p : List.of("p", "g", "f", "dl", "trn", "inf", "vt")) {
            PREFIXES.put(p, "Accelerated Computing");
        }
        PREFIXES.put("hpc", "High Performance Computing");
        PREFIXES.put("mac", "Mac");
    }

    private AwsKconfigRenderer() {
    }

    static String family(String type) {
        int dot = type.indexOf('.');
        return Text.lower(dot < 0 ? type : type.substring(0, dot));
    }

    static String category(String family, List<TypeStats> types) {
        if (types.stream().anyMatch(t -> t.type.hasGpu())) {
            return "Accelerated Computing";
        }
        String best = null;
        for (String p : PREFIXES.keySet()) {
            if (family.startsWith(p) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? "Other" : PREFIXES.get(best);
    }

    static String familySymbol(String family) {
        return PREFIX + "_INSTANCE_TYPE_" + Text.sanitize(family);
    }

    static String typeSymbol(String type) {
        return PREFIX + "_INSTANCE_" + Text.sanitize(type);
    }

    static String sizeSymbol(String family) {
        return PREFIX + "_" + Text.sanitize(family) + "_SIZE";
    }

    static String regionSymbol(String region) {
        return PREFIX + "_REGION_" + Text.sanitize(region);
    }

    static String familyFile(String family) {
        return "instance-types/Kconfig." + family.replaceAll("[^a-z0-9._-]", "_") + ".generated";
    }

    public static Map<String, byte[]> render(ProviderSummary s) {
        Map<String, byte[]> files = new TreeMap<>();
        if (s.types.isEmpty()) {
            return files;
        }
        String dir = KconfigLayout.dir("aws");
        TreeMap<String, List<TypeStats>> families = new TreeMap<>();
        Set<String> familySymbols = new HashSet<>();
        for (TypeStats t : s.types.values()) {
            String family = family(t.type.name());
            // two families that sanitise to one symbol: the first (in name order) wins, as kdevops dedups
            families.computeIfAbsent(family, f -> new ArrayList<>()).add(t);
        }
        families.keySet().removeIf(f -> !familySymbols.add(familySymbol(f)) || Text.sanitize(f).isEmpty());
        // claim every size symbol up front: a raw name that sanitises to a symbol already taken is dropped, so a
        // family's default is always one of its own members
        Set<String> claimed = new HashSet<>();
        families.values().forEach(types -> types.removeIf(t -> !claimed.add(typeSymbol(t.type.name()))));
        families.values().removeIf(List::isEmpty);
        if (families.isEmpty()) {
            return files;
        }
        Set<String> typeSymbols = new HashSet<>();
        Map<String, String> familyDefaults = new TreeMap<>();
        for (Map.Entry<String, List<TypeStats>> e : families.entrySet()) {
            List<TypeStats> types = e.getValue();
            types.sort(Comparator.comparing((TypeStats t) -> t.type.vcpus(), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(t -> t.type.memoryGib(), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(t -> t.type.name()));
            String def = types.stream().anyMatch(t -> t.type.name().equals(s.defaultType)) ? s.defaultType
                    : ProviderSummary.computeDefaultType(types);
            familyDefaults.put(e.getKey(), def);
            files.put(dir + "/" + familyFile(e.getKey()), familyFile(e.getKey(), types, def, typeSymbols));
        }
        String defaultFamily = families.containsKey(family(s.defaultType)) ? family(s.defaultType)
                : families.firstKey();
        files.put(dir + "/Kconfig.compute.generated", compute(s, families, defaultFamily, familyDefaults, dir));
        if (!s.regions.isEmpty()) {
            files.put(dir + "/Kconfig.location.generated", location(s));
        }
        return files;
    }

    private static byte[] compute(ProviderSummary s, TreeMap<String, List<TypeStats>> families, String defaultFamily,
            Map<String, String> familyDefaults, String dir) {
        KconfigBuffer k = new KconfigBuffer();
        k.line("# AWS instance families (generated by Skyfleet config-generator from the catalog; do not edit)")
                .blank()
                .line("choice")
                .attr("prompt \"AWS instance family\"")
                .attr("default " + familySymbol(defaultFamily))
                .help(List.of("Select the AWS instance family for your deployment.",
                        "Default: the family of the cheapest instance type with capacity now."))
                .blank();
        Map<String, List<String>> byCategory = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> byCategory.put(c, new ArrayList<>()));
        families.forEach((f, types) -> byCategory.get(category(f, types)).add(f));
        for (Map.Entry<String, List<String>> c : byCategory.entrySet()) {
            if (c.getValue().isEmpty()) {
                continue;
            }
            k.line("# " + c.getKey());
            for (String f : c.getValue()) {
                List<TypeStats> types = families.get(f);
                long withCapacity = types.stream().filter(TypeStats::hasCapacity).count();
                k.line("config " + familySymbol(f)).attr("bool \"" + Text.kstring(f.toUpperCase(java.util.Locale.ROOT))
                        + "\"");
                boolean x86 = types.stream().allMatch(t -> "x86_64".equals(t.type.architecture()));
                boolean arm = types.stream().allMatch(t -> "arm64".equals(t.type.architecture()));
                if (x86) {
                    k.attr("depends on TARGET_ARCH_X86_64");
                } else if (arm) {
                    k.attr("depends on TARGET_ARCH_ARM64");
                }
                k.help(List.of("AWS " + f.toUpperCase(java.util.Locale.ROOT) + " instance family",
                        "Available instance types: " + types.size(),
                        "With capacity now: " + withCapacity)).blank();
            }
        }
        k.line("endchoice").blank();
        k.line("# Instance sizes per family");
        for (String f : families.keySet()) {
            k.line("if " + familySymbol(f))
                    .line("source \"" + dir + "/" + familyFile(f) + "\"")
                    .line("endif")
                    .blank();
        }
        k.line("config " + PREFIX + "_INSTANCE_TYPE").attr("string").attr("output yaml");
        for (String f : families.keySet()) {
            k.attr("default " + sizeSymbol(f) + " if " + familySymbol(f));
        }
        k.attr("default \"" + Text.kstring(familyDefaults.getOrDefault(defaultFamily, s.defaultType)) + "\"");
        return k.bytes();
    }

    private static byte[] familyFile(String family, List<TypeStats> types, String def, Set<String> typeSymbols) {
        String upper = family.toUpperCase(java.util.Locale.ROOT);
        KconfigBuffer k = new KconfigBuffer(typeSymbols);
        Map<String, String> mapping = new LinkedHashMap<>();
        StringBuilder members = new StringBuilder();
        k.line("# AWS " + upper + " instance sizes (generated by Skyfleet config-generator from the catalog; do not edit)")
                .blank()
                .line("choice")
                .attr("prompt \"" + Text.kstring("Instance size for " + upper + " family") + "\"")
                .attr("default " + typeSymbol(def))
                .help(List.of("Select the specific instance size within the " + upper + " family."))
                .blank();
        for (TypeStats t : types) {
            TypeEntry type = t.type;
            String symbol = typeSymbol(type.name());
            if (!k.claim(symbol)) {
                continue;
            }
            mapping.put(symbol, type.name());
            String price = Text.money(t.onDemand, t.onDemandCurrency);
            List<String> help = new ArrayList<>();
            help.add("vCPUs: " + Text.num(type.vcpus()));
            help.add("Memory: " + Text.oneDecimal(type.memoryGib()) + " GiB");
            if (type.hasGpu()) {
                help.add("GPUs: " + ProviderSummary.shortDescription(type));
            }
            if (type.network() != null) {
                help.add("Network: " + type.network());
            }
            help.add("Price: " + (price == null ? "pricing varies" : (t.onDemandVaries ? "from " : "") + price + "/hour"));
            String spot = Text.money(t.spot, t.spotCurrency);
            if (spot != null) {
                help.add("Spot: from " + spot + "/hour");
            }
            if (type.storageGb() != null) {
                help.add("Instance storage: " + Text.num(type.storageGb()) + " GB");
            }
            if (t.hasCapacity()) {
                List<String> regions = new ArrayList<>(t.capacityRegions);
                help.add("Capacity in: " + String.join(", ", regions.subList(0, Math.min(3, regions.size())))
                        + (regions.size() > 3 ? " +" + (regions.size() - 3) + " more" : ""));
            } else {
                help.add("WARNING: Currently NO CAPACITY in any region!");
            }
            k.line("config " + symbol)
                    .attr("bool \"" + Text.kstring(type.name() + (t.hasCapacity() ? "" : " [NO CAPACITY]")) + "\"")
                    .help(help)
                    .blank();
        }
        k.line("endchoice").blank();
        k.line("config " + sizeSymbol(family)).attr("string");
        mapping.forEach((symbol, raw) -> k.attr("default \"" + Text.kstring(raw) + "\" if " + symbol));
        k.attr("default \"" + Text.kstring(def) + "\"");
        return k.bytes();
    }

    private static String regionGroup(String region) {
        if (region.startsWith("us-")) {
            return "US Regions";
        }
        if (region.startsWith("eu-")) {
            return "Europe Regions";
        }
        if (region.startsWith("ap-")) {
            return "Asia Pacific Regions";
        }
        return "Other Regions";
    }

    private static byte[] location(ProviderSummary s) {
        KconfigBuffer k = new KconfigBuffer();
        Map<String, String> mapping = new LinkedHashMap<>();
        k.line("# AWS regions (generated by Skyfleet config-generator from the catalog; do not edit)")
                .blank()
                .line("choice")
                .attr("prompt \"AWS region\"")
                .attr("default " + regionSymbol(s.defaultRegion))
                .help(List.of("Select the AWS region for your deployment.",
                        "The number shows how many instance types have capacity there now."))
                .blank();
        Map<String, List<RegionEntry>> groups = new LinkedHashMap<>();
        for (String g : List.of("US Regions", "Europe Regions", "Asia Pacific Regions", "Other Regions")) {
            groups.put(g, new ArrayList<>());
        }
        s.regions.values().stream().sorted(Comparator.comparing(RegionEntry::name))
                .forEach(r -> groups.get(regionGroup(r.name())).add(r));
        for (Map.Entry<String, List<RegionEntry>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            k.line("# " + g.getKey());
            for (RegionEntry r : g.getValue()) {
                String symbol = regionSymbol(r.name());
                if (!k.claim(symbol)) {
                    continue;
                }
                mapping.put(symbol, r.name());
                int count = s.capacityPerRegion.getOrDefault(r.name(), 0);
                String description = r.description() == null ? r.name() : r.description();
                k.line("config " + symbol)
                        .attr("bool \"" + Text.kstring(r.name() + " - " + description + " [" + count
                                + " types available]") + "\"")
                        .help(List.of("Region: " + description,
                                count + " instance types have capacity in this region."))
                        .blank();
            }
        }
        k.line("endchoice").blank();
        k.line("config " + PREFIX + "_REGION").attr("string").attr("output yaml");
        mapping.forEach((symbol, raw) -> k.attr("default \"" + Text.kstring(raw) + "\" if " + symbol));
        k.attr("default \"" + Text.kstring(s.defaultRegion) + "\"");
        return k.bytes();
    }
}
