package dev.skyfleet.providers.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

/**
 * AWS EC2 reader on the AWS SDK v2 (url-connection HTTP client).
 *
 * <p>Per catalog read: {@code DescribeRegions} (not-opted-in regions skipped), then per region, at most
 * {@link AwsConfig#parallelism()} regions at a time: {@code DescribeInstanceTypes} (paginated),
 * {@code DescribeInstanceTypeOfferings} by availability zone (paginated), {@code DescribeSpotPriceHistory}
 * ({@code Linux/UNIX}, StartTime = now, newest price per type × zone) and the on-demand Linux/Shared price from
 * the Pricing API {@code GetProducts} (priceList JSON documents parsed for {@code OnDemand} USD per hour).
 *
 * <p>Offers are zone-level for on-demand (the regional price, equal across zones) and spot (the zone's spot
 * price) wherever the type is offered. Types without a price are kept with a null price. <b>Availability on AWS
 * means "offered in that zone"</b>: EC2 has no capacity signal before launch, so every offering is
 * {@code available=true}; real capacity errors surface at launch as {@code InsufficientInstanceCapacity}.
 * Any failing call fails the whole read (the poller keeps its last known offers).
 */
public final class AwsEc2Provider implements CloudProvider, AutoCloseable {
    public static final String ID = "aws";
    private static final Logger LOG = LoggerFactory.getLogger(AwsEc2Provider.class);
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private final AwsConfig config;
    private final Clock clock;
    private final SdkHttpClient httpClient;
    private final software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials;

    public AwsEc2Provider(AwsConfig config) {
        this(config, Clock.systemUTC());
    }

    public AwsEc2Provider(AwsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(10))
                .socketTimeout(config.apiCallTimeout()).build();
        this.credentials = config.credentialsOrDefault();
    }

    @Override
    public String id() {
        return ID;
    }

    /** Read side only in this module. */
    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public List<Region> listRegions() {
        try (Ec2Client ec2 = ec2(config.homeRegion())) {
            return enabledRegions(ec2);
        }
    }

    @Override
    public List<InstanceTypeSpec> listInstanceTypes() {
        return readCatalog().instanceTypes();
    }

    @Override
    public List<Offer> listOffers() {
        return readCatalog().offers();
    }

    @Override
    public CatalogSnapshot readCatalog() {
        Instant now = clock.instant();
        List<Region> regions = listRegions();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallelism(), Math.max(1, regions.size())),
                daemonThreads());
        try (PricingClient pricing = pricing()) {
            List<Future<RegionCatalog>> futures = new ArrayList<>();
            for (Region region : regions) {
                futures.add(pool.submit(() -> readRegion(region.id(), pricing, now)));
            }
            Map<String, InstanceTypeSpec> types = new TreeMap<>();
            List<Offer> offers = new ArrayList<>();
            for (Future<RegionCatalog> future : futures) {
                RegionCatalog rc = await(future);
                rc.types().forEach(types::putIfAbsent);
                offers.addAll(rc.offers());
            }
            return new CatalogSnapshot(regions, new ArrayList<>(types.values()), offers);
        } finally {
            pool.shutdownNow();
        }
    }

    private record RegionCatalog(Map<String, InstanceTypeSpec> types, List<Offer> offers) {
    }

    private RegionCatalog readRegion(String region, PricingClient pricing, Instant now) {
        try (Ec2Client ec2 = ec2(region)) {
            Map<String, InstanceTypeSpec> types = new LinkedHashMap<>();
            Map<String, Boolean> spotSupported = new HashMap<>();
            try {
                for (InstanceTypeInfo info : ec2.describeInstanceTypesPaginator(
                        DescribeInstanceTypesRequest.builder().maxResults(100).build()).instanceTypes()) {
                    InstanceTypeSpec spec = toSpec(info);
                    types.put(spec.name(), spec);
                    spotSupported.put(spec.name(), info.supportedUsageClassesAsStrings().contains("spot"));
                }
            } catch (SdkException e) {
                throw AwsErrors.map(e, "DescribeInstanceTypes(" + region + ")");
            }
            List<InstanceTypeOffering> offerings = new ArrayList<>();
            try {
                ec2.describeInstanceTypeOfferingsPaginator(DescribeInstanceTypeOfferingsRequest.builder()
                        .locationType(LocationType.AVAILABILITY_ZONE).maxResults(1000).build())
                        .instanceTypeOfferings().forEach(offerings::add);
            } catch (SdkException e) {
                throw AwsErrors.map(e, "DescribeInstanceTypeOfferings(" + region + ")");
            }
            Map<String, Price> spot = spotPrices(ec2, region, now);
            Map<String, Price> onDemand = onDemandPrices(pricing, region);
            List<Offer> offers = new ArrayList<>();
            for (InstanceTypeOffering offering : offerings) {
                InstanceTypeSpec spec = types.get(offering.instanceTypeAsString());
                if (spec == null) {
                    continue;
                }
                String zone = offering.location();
                offers.add(Offer.of(ID, ID, region, zone, UsageClass.ON_DEMAND, spec, onDemand.get(spec.name()), true,
                        OfferSource.API, now));
                Price spotPrice = spot.get(spec.name() + "|" + zone);
                if (spotPrice != null || Boolean.TRUE.equals(spotSupported.get(spec.name()))) {
                    offers.add(Offer.of(ID, ID, region, zone, UsageClass.SPOT, spec, spotPrice, true,
                            OfferSource.API, now));
                }
            }
            LOG.debug("aws {}: {} types, {} offerings, {} on-demand prices, {} spot prices", region, types.size(),
                    offerings.size(), onDemand.size(), spot.size());
            return new RegionCatalog(types, offers);
        }
    }

    private List<Region> enabledRegions(Ec2Client ec2) {
        List<Region> out = new ArrayList<>();
        try {
            for (software.amazon.awssdk.services.ec2.model.Region r : ec2.describeRegions().regions()) {
                if ("not-opted-in".equals(r.optInStatus())) {
                    continue;
                }
                if (!config.regions().isEmpty() && !config.regions().contains(r.regionName())) {
                    continue;
                }
                out.add(new Region(ID, r.regionName(), null));
            }
        } catch (SdkException e) {
            throw AwsErrors.map(e, "DescribeRegions");
        }
        out.sort(java.util.Comparator.comparing(Region::id));
        return out;
    }

    /** Newest spot price per {@code type|zone}. */
    private Map<String, Price> spotPrices(Ec2Client ec2, String region, Instant now) {
        Map<String, SpotPrice> newest = new HashMap<>();
        try {
            for (SpotPrice p : ec2.describeSpotPriceHistoryPaginator(DescribeSpotPriceHistoryRequest.builder()
                    .productDescriptions("Linux/UNIX").startTime(now).maxResults(1000).build()).spotPriceHistory()) {
                String key = p.instanceTypeAsString() + "|" + p.availabilityZone();
                SpotPrice old = newest.get(key);
                if (old == null || (p.timestamp() != null && old.timestamp() != null
                        && p.timestamp().isAfter(old.timestamp()))) {
                    newest.put(key, p);
                }
            }
        } catch (SdkException e) {
            throw AwsErrors.map(e, "DescribeSpotPriceHistory(" + region + ")");
        }
        Map<String, Price> out = new HashMap<>();
        newest.forEach((key, p) -> {
            BigDecimal amount = decimal(p.spotPrice());
            if (amount != null && amount.signum() > 0) {
                out.put(key, Price.usd(amount));
            }
        });
        return out;
    }

    /** On-demand Linux, shared tenancy, no pre-installed software, USD per hour, per instance type. */
    private Map<String, Price> onDemandPrices(PricingClient pricing, String region) {
        GetProductsRequest request = GetProductsRequest.builder().serviceCode("AmazonEC2").maxResults(100)
                .filters(term("regionCode", region), term("operatingSystem", "Linux"), term("preInstalledSw", "NA"),
                        term("capacitystatus", "Used"), term("tenancy", "Shared"), term("marketoption", "OnDemand"))
                .build();
        Map<String, Price> out = new HashMap<>();
        try {
            for (String document : pricing.getProductsPaginator(request).priceList()) {
                parsePriceDocument(document, out);
            }
        } catch (SdkException e) {
            throw AwsErrors.map(e, "pricing:GetProducts(" + region + ")");
        }
        return out;
    }

    /** Reads one Pricing API priceList document; keeps the lowest positive USD/h per instance type. */
    static void parsePriceDocument(String document, Map<String, Price> out) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(document);
        } catch (IOException e) {
            LOG.debug("skipping unreadable price document");
            return;
        }
        String type = root.path("product").path("attributes").path("instanceType").asText(null);
        if (type == null || type.isBlank()) {
            return;
        }
        for (JsonNode term : root.path("terms").path("OnDemand")) {
            for (JsonNode dimension : term.path("priceDimensions")) {
                String unit = dimension.path("unit").asText("Hrs");
                BigDecimal usd = decimal(dimension.path("pricePerUnit").path("USD").asText(null));
                if (usd == null || usd.signum() <= 0 || !unit.toLowerCase(java.util.Locale.ROOT).startsWith("hr")) {
                    continue;
                }
                Price price = Price.usd(usd);
                out.merge(type, price, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
    }

    static InstanceTypeSpec toSpec(InstanceTypeInfo info) {
        String name = info.instanceTypeAsString();
        Gpu gpu = null;
        if (info.gpuInfo() != null && info.gpuInfo().hasGpus() && !info.gpuInfo().gpus().isEmpty()) {
            GpuDeviceInfo d = info.gpuInfo().gpus().get(0);
            gpu = AwsGpu.map(name, d.name(), d.manufacturer(), d.count(),
                    d.memoryInfo() == null ? null : d.memoryInfo().sizeInMiB());
        }
        Architecture arch = Architecture.UNKNOWN;
        if (info.processorInfo() != null) {
            List<String> archs = info.processorInfo().supportedArchitecturesAsStrings();
            arch = archs.contains("arm64") ? Architecture.ARM64
                    : archs.contains("x86_64") ? Architecture.X86_64 : Architecture.UNKNOWN;
        }
        BigDecimal vcpus = info.vCpuInfo() == null || info.vCpuInfo().defaultVCpus() == null ? null
                : BigDecimal.valueOf(info.vCpuInfo().defaultVCpus());
        BigDecimal memory = info.memoryInfo() == null || info.memoryInfo().sizeInMiB() == null ? null
                : BigDecimal.valueOf(info.memoryInfo().sizeInMiB()).divide(MIB_PER_GIB, 6, RoundingMode.HALF_UP);
        BigDecimal storage = info.instanceStorageInfo() == null || info.instanceStorageInfo().totalSizeInGB() == null
                ? null : BigDecimal.valueOf(info.instanceStorageInfo().totalSizeInGB());
        String network = info.networkInfo() == null ? null : info.networkInfo().networkPerformance();
        Set<Capability> caps = Set.of(Capability.REBOOT_INSTANCE, Capability.STOP_START_INSTANCE);
        return new InstanceTypeSpec(ID, name, vcpus, memory, storage, gpu, arch, caps, network, null);
    }

    private Ec2Client ec2(String region) {
        var builder = Ec2Client.builder().region(software.amazon.awssdk.regions.Region.of(region))
                .credentialsProvider(credentials).httpClient(httpClient)
                .overrideConfiguration(overrides());
        if (config.endpointOverride() != null) {
            builder.endpointOverride(config.endpointOverride());
        }
        return builder.build();
    }

    private PricingClient pricing() {
        var builder = PricingClient.builder().region(software.amazon.awssdk.regions.Region.of(config.pricingRegion()))
                .credentialsProvider(credentials).httpClient(httpClient)
                .overrideConfiguration(overrides());
        if (config.endpointOverride() != null) {
            builder.endpointOverride(config.endpointOverride());
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(config.apiCallTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.maxAttempts())
                        .build())
                .build();
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static RegionCatalog await(Future<RegionCatalog> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE, "interrupted", null, 0, null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException pe) {
                throw pe;
            }
            if (e.getCause() instanceof SdkException sdk) {
                throw AwsErrors.map(sdk, "read");
            }
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE, "region read failed: " + e.getCause(),
                    null, 0, null, e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "aws-catalog-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        httpClient.close();
        if (credentials instanceof AutoCloseable closeable && config.credentials() == null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
