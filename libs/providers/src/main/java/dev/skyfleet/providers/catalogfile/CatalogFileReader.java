package dev.skyfleet.providers.catalogfile;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuManufacturer;
import dev.skyfleet.model.GpuNames;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one SkyPilot-format catalog file ({@code <dir>/<cloud>/vms.csv}, schema in {@code skypilot-catalog.md}).
 * Columns are read <b>by name</b>, so every cloud's column order works. Streaming, one pass, no regular expression
 * per field; parsed {@code GpuInfo} strings and instance type specs are cached.
 *
 * <p>Availability: a catalog row means "offered there at this price", not "capacity now". Offers from catalog files
 * carry {@link OfferSource#CATALOG_FILE} and {@code available=true} meaning <i>listed</i>; a live API for the same
 * cloud is the authority on capacity.
 *
 * <p>Data bugs handled (§3):
 * <ul>
 * <li>prices ≤ 0 or unparsable are "unknown" (null): Vast writes {@code SpotPrice 0.00} for "no spot price";
 *     a spot offer is made only for a positive spot price;</li>
 * <li>Vast {@code MemoryInfo.SizeInMiB} is the total over all GPUs: divided by the count;</li>
 * <li>RunPod {@code SizeInMiB} holds GB (a value below 256 is taken as GB);</li>
 * <li>Lambda {@code TotalGpuMemoryInMiB} is the per-GPU value: totals are never read, only the per-GPU size;</li>
 * <li>Cudo writes {@code Count} as a string ({@code '1.0'}): coerced; {@code AcceleratorCount} is preferred anyway;</li>
 * <li>Azure {@code Generation} {@code V1,V2} unquoted: fields beyond the header belong to the last column;</li>
 * <li>GCP accelerator-only rows (empty {@code InstanceType}: a GPU/TPU price without a VM) are skipped as offers.
 *     For the GCP families with built-in GPUs (a2, a3, a4, g2) the matching accelerator row of the same zone is
 *     joined onto the host row, so {@code a2-highgpu-1g} gets its A100 and the price host + GPU, as SkyPilot does
 *     (no accelerator row for the zone: the GPU is still known, the price is null rather than host-only);
 *     attachable GPUs (N1 + T4/V100/P100/P4) and TPUs are not modelled;</li>
 * <li>fractional {@code AcceleratorCount} (AWS g6f 0.25, Azure NV*ads_A10_v5 0.167) kept as decimals;</li>
 * <li>Hyperbolic GPU names like {@code NVIDIA-H100-80GB-HBM3}, bare GPU names (Azure, Paperspace): normalised with
 *     {@link GpuNames}; memory from the name, else from MiB, else the model's typical size; the form factor from
 *     the accelerator name, else from the SKU name ({@code H100_SXM5_80GB::1}, {@code gpu_8x_h100_sxm5}).</li>
 * </ul>
 * Architecture: the {@code Arch} column where present; Grace hosts (GH/GB GPUs), Azure {@code p}-series and GCP
 * {@code t2a}/{@code c4a}/{@code n4a} are arm64; everything else in these catalogs is x86_64.
 */
public final class CatalogFileReader {
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    private static final Pattern AZURE_ARM = Pattern.compile("^Standard_[A-Z]+[0-9]+[a-z]*p[a-z]*_v[0-9]+.*");

    private final String provider;
    private final Instant observedAt;
    private final Map<String, GpuInfoFacts> gpuInfoCache = new HashMap<>();
    private final Map<String, InstanceTypeSpec> specs = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, Region> regions = new TreeMap<>();
    private final Map<String, String[]> gcpAccelerators = new HashMap<>();
    private final List<String[]> gcpGpuHosts = new ArrayList<>();
    private int rows;
    private int skipped;
    /** Marks a GCP GPU host row whose accelerator price row is missing: the total price is unknown. */
    private static final String[] NO_GPU_PRICE = new String[0];

    // column indexes, -1 when absent
    private int cType;
    private int cAccName;
    private int cAccCount;
    private int cVcpus;
    private int cMemory;
    private int cGpuInfo;
    private int cPrice;
    private int cSpot;
    private int cRegion;
    private int cZone;
    private int cArch;
    private int cStorage;
    private int headerSize;

    private CatalogFileReader(String provider, Instant observedAt) {
        this.provider = provider.toLowerCase(Locale.ROOT);
        this.observedAt = observedAt;
    }

    /** Reads a whole file. The reader is not closed. */
    public static CatalogFileData read(String provider, BufferedReader in, Instant observedAt) {
        CatalogFileReader r = new CatalogFileReader(provider, observedAt);
        try {
            r.readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog file of " + provider, e);
        }
        return new CatalogFileData(r.provider, new ArrayList<>(r.regions.values()), new ArrayList<>(r.specs.values()),
                new ArrayList<>(r.offers.values()), r.rows, r.skipped);
    }

    private void readAll(BufferedReader in) throws IOException {
        String headerLine = in.readLine();
        if (headerLine == null) {
            return;
        }
        if (!headerLine.isEmpty() && headerLine.charAt(0) == '\uFEFF') {
            headerLine = headerLine.substring(1);
        }
        List<String> header = CsvLine.split(headerLine, null);
        headerSize = header.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).trim(), i);
        }
        cType = index.getOrDefault("InstanceType", -1);
        cAccName = index.getOrDefault("AcceleratorName", -1);
        cAccCount = index.getOrDefault("AcceleratorCount", -1);
        cVcpus = index.getOrDefault("vCPUs", -1);
        cMemory = index.getOrDefault("MemoryGiB", -1);
        cGpuInfo = index.getOrDefault("GpuInfo", -1);
        cPrice = index.getOrDefault("Price", -1);
        cSpot = index.getOrDefault("SpotPrice", -1);
        cRegion = index.getOrDefault("Region", -1);
        cZone = index.getOrDefault("AvailabilityZone", -1);
        cArch = index.getOrDefault("Arch", -1);
        cStorage = index.getOrDefault("StorageGiB", -1);
        if (cType < 0 || cRegion < 0) {
            throw new IllegalArgumentException(provider + " catalog file lacks InstanceType or Region columns");
        }
        List<String> fields = new ArrayList<>(16);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            rows++;
            CsvLine.split(line, fields);
            String[] row = normalise(fields);
            try {
                if (!accept(row)) {
                    skipped++;
                }
            } catch (RuntimeException malformed) {
                skipped++;
            }
        }
        for (String[] host : gcpGpuHosts) {
            String[] accelerator = gcpJoin(host);
            if (!addOffers(host, accelerator == null ? NO_GPU_PRICE : accelerator)) {
                skipped++;
            }
        }
    }

    /** Pads short rows; folds fields beyond the header into the last column (Azure {@code V1,V2}). */
    private String[] normalise(List<String> fields) {
        String[] row = new String[headerSize];
        for (int i = 0; i < headerSize; i++) {
            row[i] = i < fields.size() ? fields.get(i) : "";
        }
        if (fields.size() > headerSize) {
            StringBuilder last = new StringBuilder(row[headerSize - 1]);
            for (int i = headerSize; i < fields.size(); i++) {
                last.append(',').append(fields.get(i));
            }
            row[headerSize - 1] = last.toString();
        }
        return row;
    }

    private boolean accept(String[] row) {
        String type = row[cType].trim();
        if (type.isEmpty()) {
            if (provider.equals("gcp")) {
                rememberGcpAccelerator(row);
            }
            return false;
        }
        if (provider.equals("gcp") && GcpGpuFamilies.gpuOf(type) != null) {
            gcpGpuHosts.add(row);
            return true;
        }
        return addOffers(row, null);
    }

    /** The GPU price row joined to a GCP host row, or null. */
    private String[] gcpJoin(String[] host) {
        GcpGpuFamilies.Builtin builtin = GcpGpuFamilies.gpuOf(host[cType].trim());
        return gcpAccelerators.get(builtin.acceleratorName() + "|" + builtin.count() + "|" + host[cRegion].trim() + "|"
                + (cZone >= 0 ? host[cZone].trim() : ""));
    }

    private void rememberGcpAccelerator(String[] row) {
        if (cAccName < 0 || cAccCount < 0) {
            return;
        }
        BigDecimal count = decimal(row[cAccCount]);
        if (count == null) {
            return;
        }
        gcpAccelerators.put(row[cAccName].trim() + "|" + count.stripTrailingZeros().toPlainString() + "|"
                + row[cRegion].trim() + "|" + (cZone >= 0 ? row[cZone].trim() : ""), row);
    }

    private boolean addOffers(String[] row, String[] gcpAccelerator) {
        String type = row[cType].trim();
        String region = row[cRegion].trim();
        if (region.isEmpty() || region.indexOf(':') >= 0) {
            return false;
        }
        String zone = cZone >= 0 ? row[cZone].trim() : "";
        if (zone.indexOf(':') >= 0) {
            zone = "";
        }
        InstanceTypeSpec spec = specs.get(type);
        if (spec == null) {
            spec = toSpec(type, row, gcpAccelerator);
            specs.put(type, spec);
        }
        Price price = price(row, cPrice, gcpAccelerator);
        Price spot = price(row, cSpot, gcpAccelerator);
        regions.computeIfAbsent(region, r -> new Region(provider, r, null));
        Offer onDemand = Offer.of(provider, provider, region, zone, UsageClass.ON_DEMAND, spec, price, true,
                OfferSource.CATALOG_FILE, observedAt);
        offers.put(onDemand.id(), onDemand);
        if (spot != null) {
            Offer spotOffer = Offer.of(provider, provider, region, zone, UsageClass.SPOT, spec, spot, true,
                    OfferSource.CATALOG_FILE, observedAt);
            offers.put(spotOffer.id(), spotOffer);
        }
        return true;
    }

    /** A positive price, plus the GCP GPU part when joined; null when unknown (absent, 0, NaN). */
    private Price price(String[] row, int column, String[] gcpAccelerator) {
        if (column < 0 || gcpAccelerator == NO_GPU_PRICE) {
            return null;
        }
        BigDecimal host = positive(decimal(row[column]));
        if (host == null) {
            return null;
        }
        if (gcpAccelerator != null) {
            BigDecimal gpu = positive(decimal(gcpAccelerator[column]));
            if (gpu == null) {
                return null;
            }
            host = host.add(gpu);
        }
        return Price.usd(host.setScale(Math.min(host.scale(), 6), RoundingMode.HALF_UP));
    }

    private InstanceTypeSpec toSpec(String type, String[] row, String[] gcpAccelerator) {
        Gpu gpu;
        if (gcpAccelerator != null && gcpAccelerator.length > 0) {
            gpu = gpu(gcpAccelerator[cAccName].trim(), gcpAccelerator[cAccCount], gcpAccelerator[cGpuInfo]);
        } else if (provider.equals("gcp") && GcpGpuFamilies.gpuOf(type) != null) {
            GcpGpuFamilies.Builtin b = GcpGpuFamilies.gpuOf(type);
            gpu = gpu(b.acceleratorName(), String.valueOf(b.count()), "");
        } else {
            gpu = gpu(cAccName >= 0 ? row[cAccName].trim() : "", cAccCount >= 0 ? row[cAccCount] : "",
                    cGpuInfo >= 0 ? row[cGpuInfo] : "");
        }
        if (gpu != null && gpu.interconnect() == null) {
            Interconnect fromType = interconnectInName(type);
            if (fromType != null) {
                gpu = new Gpu(gpu.model(), gpu.count(), gpu.memoryGb(), fromType, gpu.manufacturer(), gpu.raw());
            }
        }
        BigDecimal storage = cStorage >= 0 ? positive(decimal(row[cStorage])) : null;
        if (storage != null) {
            storage = storage.multiply(new BigDecimal("1.073741824")).setScale(0, RoundingMode.HALF_UP);
        }
        return new InstanceTypeSpec(provider, type, cVcpus >= 0 ? decimal(row[cVcpus]) : null,
                cMemory >= 0 ? decimal(row[cMemory]) : null, storage, gpu, architecture(type, row, gpu), null, null,
                null);
    }

    /** Form factor spelled in a marketplace SKU name: {@code H100_SXM5_80GB::1}, {@code 1x-H100_NVL-32-65536}. */
    static Interconnect interconnectInName(String type) {
        int start = 0;
        for (int i = 0; i <= type.length(); i++) {
            char c = i < type.length() ? type.charAt(i) : '_';
            if (c == '_' || c == '-' || c == ':' || c == '.') {
                if (i > start) {
                    Interconnect ic = Interconnect.fromWire(type.substring(start, i));
                    if (ic != null) {
                        return ic;
                    }
                }
                start = i + 1;
            }
        }
        return null;
    }

    private Architecture architecture(String type, String[] row, Gpu gpu) {
        if (cArch >= 0 && !row[cArch].isBlank()) {
            return Architecture.fromWire(row[cArch]);
        }
        if (gpu != null && (gpu.model().startsWith("GH") || gpu.model().startsWith("GB"))) {
            return Architecture.ARM64;
        }
        if (provider.equals("azure") && AZURE_ARM.matcher(type).matches()) {
            return Architecture.ARM64;
        }
        if (provider.equals("gcp") && (type.startsWith("t2a-") || type.startsWith("c4a-") || type.startsWith("n4a-"))) {
            return Architecture.ARM64;
        }
        return Architecture.X86_64;
    }

    /** GPU from AcceleratorName (canonical), AcceleratorCount and GpuInfo, with the per-cloud unit fixes. */
    private Gpu gpu(String acceleratorName, String countText, String gpuInfoText) {
        GpuInfoFacts info = gpuInfo(gpuInfoText);
        String name = !acceleratorName.isEmpty() ? acceleratorName : info == null ? null : info.name();
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("tpu")) {
            return null;
        }
        BigDecimal count = decimal(countText);
        if (count == null && info != null) {
            count = info.count();
        }
        if (count == null || count.signum() <= 0) {
            return null;
        }
        GpuNames.ParsedName parsed = GpuNames.parse(name);
        GpuNames.ParsedName parsedInfo = info != null && info.name() != null ? GpuNames.parse(info.name()) : null;
        BigDecimal memory = parsed.memoryGb();
        if (memory == null && parsedInfo != null) {
            memory = parsedInfo.memoryGb();
        }
        if (memory == null && info != null && info.mib() != null && info.mib().signum() > 0) {
            BigDecimal mib = info.mib();
            switch (provider) {
                case "vast" -> mib = mib.divide(count, 0, RoundingMode.HALF_UP);
                case "runpod" -> {
                    if (mib.compareTo(BigDecimal.valueOf(256)) < 0) {
                        mib = mib.multiply(MIB_PER_GIB);
                    }
                }
                default -> {
                }
            }
            memory = GpuNames.nominalMemoryGb(parsed.model(), mib.longValue());
        }
        if (memory == null) {
            memory = GpuNames.typicalMemoryGb(parsed.model());
        }
        Interconnect interconnect = parsed.interconnect() != null ? parsed.interconnect()
                : parsedInfo != null ? parsedInfo.interconnect() : null;
        GpuManufacturer maker = info != null && info.manufacturer() != null
                ? GpuManufacturer.fromWire(info.manufacturer()) : null;
        if (maker == GpuManufacturer.UNKNOWN) {
            maker = null;
        }
        return new Gpu(parsed.model(), count, memory, interconnect, maker, name);
    }

    private GpuInfoFacts gpuInfo(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return gpuInfoCache.computeIfAbsent(text, GpuInfoFacts::parse);
    }

    private static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal positive(BigDecimal v) {
        return v == null || v.signum() <= 0 ? null : v;
    }

    /** Facts of one GpuInfo value: a Python dict, or a bare GPU name (Azure, Paperspace). */
    record GpuInfoFacts(String name, String manufacturer, BigDecimal count, BigDecimal mib) {
        static GpuInfoFacts parse(String text) {
            String t = text.trim();
            if (!t.startsWith("{")) {
                return new GpuInfoFacts(t, null, null, null);
            }
            Object parsed;
            try {
                parsed = PyLiteral.parse(t);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!(parsed instanceof Map<?, ?> map) || !(map.get("Gpus") instanceof List<?> gpus) || gpus.isEmpty()
                    || !(gpus.get(0) instanceof Map<?, ?> gpu)) {
                return null;
            }
            Object memoryInfo = gpu.get("MemoryInfo");
            BigDecimal mib = memoryInfo instanceof Map<?, ?> mi ? number(mi.get("SizeInMiB")) : null;
            return new GpuInfoFacts(gpu.get("Name") == null ? null : String.valueOf(gpu.get("Name")),
                    gpu.get("Manufacturer") == null ? null : String.valueOf(gpu.get("Manufacturer")),
                    number(gpu.get("Count")), mib);
        }

        private static BigDecimal number(Object value) {
            if (value instanceof BigDecimal d) {
                return d;
            }
            if (value instanceof String s) {
                return decimal(s);
            }
            return null;
        }
    }

    static final class GcpGpuFamilies {
        record Builtin(String acceleratorName, int count) {
        }

        private static final Pattern A2 = Pattern.compile("^a2-(highgpu|megagpu|ultragpu)-(\\d+)g$");
        private static final Pattern A3 = Pattern.compile("^a3-(highgpu|edgegpu|megagpu|ultragpu)-(\\d+)g(-nolssd)?$");
        private static final Pattern A4 = Pattern.compile("^a4-highgpu-(\\d+)g$");
        private static final Map<String, Integer> G2 = Map.of("g2-standard-4", 1, "g2-standard-8", 1,
                "g2-standard-12", 1, "g2-standard-16", 1, "g2-standard-32", 1, "g2-standard-24", 2,
                "g2-standard-48", 4, "g2-standard-96", 8);
        private static final Map<String, Builtin> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
        private static final Builtin NONE = new Builtin("", 0);

        private GcpGpuFamilies() {
        }

        /** The GPU built into a GCP machine type, or null for types without one. */
        static Builtin gpuOf(String type) {
            Builtin b = CACHE.computeIfAbsent(type, GcpGpuFamilies::compute);
            return b == NONE ? null : b;
        }

        private static Builtin compute(String type) {
            if (!(type.startsWith("a2-") || type.startsWith("a3-") || type.startsWith("a4-")
                    || type.startsWith("g2-"))) {
                return NONE;
            }
            Matcher m = A2.matcher(type);
            if (m.matches()) {
                return new Builtin(m.group(1).equals("ultragpu") ? "A100-80GB" : "A100", Integer.parseInt(m.group(2)));
            }
            m = A3.matcher(type);
            if (m.matches()) {
                String name = switch (m.group(1)) {
                    case "megagpu" -> "H100-MEGA";
                    case "ultragpu" -> "H200";
                    default -> "H100";
                };
                return new Builtin(name, Integer.parseInt(m.group(2)));
            }
            m = A4.matcher(type);
            if (m.matches()) {
                return new Builtin("B200", Integer.parseInt(m.group(1)));
            }
            Integer l4 = G2.get(type);
            return l4 == null ? NONE : new Builtin("L4", l4);
        }
    }
}
