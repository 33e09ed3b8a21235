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
import dev.skyfleet.providers.CatalogReadingProvider;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
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
 *
 * <p>Write side: {@link #createInstance} (ImportKeyPair + one RunInstances with a ClientToken derived from the refId,
 * tags {@code skyfleet-ref-id}, {@code skyfleet-cred}, {@code Name}), {@link #getInstance} / {@link #listInstances}
 * (DescribeInstances, our tags read back, untagged instances skipped from lists), {@link #terminateInstance}
 * (idempotent), reboot/stop/start. Instance ids are plain EC2 ids; the region of an id is remembered from
 * create/get/list, otherwise the configured (or all enabled) regions are tried in turn. The image is the request's
 * or {@link AwsConfig#defaultImageId()}. The SSH key and user data are never logged.
 */
public final class AwsEc2Provider extends CatalogReadingProvider implements AutoCloseable {
    public static final String ID = "aws";
    private static final Logger LOG = LoggerFactory.getLogger(AwsEc2Provider.class);
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    public static final Set<Capability> CAPABILITIES = Set.of(Capability.CREATE_INSTANCE,
            Capability.TERMINATE_INSTANCE, Capability.CREATE_TERMINATE_INSTANCE, Capability.CREATE_INSTANCE_IDEMPOTENT,
            Capability.INSTANCE_USERDATA, Capability.TAGS, Capability.REBOOT_INSTANCE, Capability.STOP_START_INSTANCE);

    private final AwsConfig config;
    private final Clock clock;
    private final SdkHttpClient httpClient;
    private final software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials;
    /** Instance id → region, learnt from create/get/list, so per-id calls need not search every region. */
    private final Map<String, String> instanceRegions = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Read side plus the write side (tags, user data, ClientToken idempotency, reboot, stop/start). */
    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<Region> listRegions() {
        try (Ec2Client ec2 = ec2(config.homeRegion())) {
            return enabledRegions(ec2);
        }
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

    // ---- write side ----

    /**
     * ImportKeyPair (name from refId + key hash; {@code InvalidKeyPair.Duplicate} tolerated), then one
     * RunInstances (MinCount = MaxCount = 1) in the request's region with the deterministic
     * {@link AwsInstances#clientToken ClientToken}: a retried create with the same refId returns the instance the
     * first call launched. RunInstances gets exactly one SDK attempt (capacity errors come back as HTTP 500 and must
     * not be retried in place; the caller fails over, as SkyPilot does with {@code max_attempts=0}).
     */
    @Override
    public ProviderInstance createInstance(CreateInstanceRequest request) {
        String imageId = request.imageId() != null && !request.imageId().isBlank() ? request.imageId()
                : config.defaultImageId();
        if (imageId == null) {
            throw new ProviderException(ID, ErrorKind.INVALID_REQUEST, "no image for " + request.refId()
                    + ": the request has no imageId and aws.default-image-id (AwsConfig.defaultImageId) is not set");
        }
        String region = request.region();
        String keyName = null;
        if (request.sshPublicKey() != null && !request.sshPublicKey().isBlank()) {
            keyName = AwsInstances.keyName(request.refId(), request.sshPublicKey());
            importKey(region, keyName, request.sshPublicKey());
        }
        Map<String, String> tags = AwsInstances.launchTags(request);
        List<Tag> awsTags = new ArrayList<>();
        tags.forEach((k, v) -> awsTags.add(Tag.builder().key(k).value(v).build()));
        RunInstancesRequest.Builder run = RunInstancesRequest.builder().imageId(imageId)
                .instanceType(request.instanceType()).minCount(1).maxCount(1)
                .clientToken(AwsInstances.clientToken(request.refId()))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(awsTags)
                        .build());
        if (keyName != null) {
            run.keyName(keyName);
        }
        if (request.zone() != null && !request.zone().isBlank()) {
            run.placement(Placement.builder().availabilityZone(request.zone()).build());
        }
        if (request.usage() == UsageClass.SPOT) {
            run.instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType(MarketType.SPOT)
                    .spotOptions(SpotMarketOptions.builder().spotInstanceType(SpotInstanceType.ONE_TIME)
                            .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE).build())
                    .build());
        }
        if (request.userData() != null && !request.userData().isEmpty()) {
            run.userData(Base64.getEncoder().encodeToString(request.userData().getBytes(StandardCharsets.UTF_8)));
        }
        RunInstancesResponse response;
        try (Ec2Client ec2 = ec2(region, 1)) {
            response = ec2.runInstances(run.build());
        } catch (SdkException e) {
            throw AwsErrors.map(e, "RunInstances(" + region + ")");
        }
        if (!response.hasInstances() || response.instances().isEmpty()) {
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE,
                    "RunInstances(" + region + ") returned no instance for " + request.refId());
        }
        Instance instance = response.instances().get(0);
        Map<String, String> merged = new LinkedHashMap<>(tags);
        merged.putAll(AwsInstances.tags(instance));
        ProviderInstance created = AwsInstances.toInstance(instance, region, merged);
        instanceRegions.put(created.providerInstanceId(), region);
        LOG.info("aws {}: launched {} for {} ({}, {})", region, created.providerInstanceId(), request.refId(),
                request.instanceType(), request.usage().wire());
        return created;
    }

    private void importKey(String region, String keyName, String publicKey) {
        try (Ec2Client ec2 = ec2(region)) {
            ec2.importKeyPair(ImportKeyPairRequest.builder().keyName(keyName)
                    .publicKeyMaterial(SdkBytes.fromString(publicKey.trim(), StandardCharsets.UTF_8)).build());
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "InvalidKeyPair.Duplicate".equals(e.awsErrorDetails().errorCode())) {
                return;
            }
            throw AwsErrors.map(e, "ImportKeyPair(" + region + ")");
        } catch (SdkException e) {
            throw AwsErrors.map(e, "ImportKeyPair(" + region + ")");
        }
    }

    /**
     * DescribeInstances by id in the region the instance was last seen in, else in every searched region
     * ({@link AwsConfig#regions()}, or all enabled regions when that is empty). Returns the instance whatever its
     * tags and state (terminated instances stay visible for a while).
     */
    @Override
    public Optional<ProviderInstance> getInstance(String providerInstanceId) {
        for (String region : regionsFor(providerInstanceId)) {
            try (Ec2Client ec2 = ec2(region)) {
                for (Reservation r : ec2.describeInstances(DescribeInstancesRequest.builder()
                        .instanceIds(providerInstanceId).build()).reservations()) {
                    for (Instance i : r.instances()) {
                        if (providerInstanceId.equals(i.instanceId())) {
                            instanceRegions.put(providerInstanceId, region);
                            return Optional.of(AwsInstances.toInstance(i, region));
                        }
                    }
                }
            } catch (SdkException e) {
                ProviderException mapped = AwsErrors.map(e, "DescribeInstances(" + region + ")");
                if (mapped.kind() != ErrorKind.NOT_FOUND) {
                    throw mapped;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * DescribeInstances with {@code tag:skyfleet-ref-id=<refId>} (or {@code tag-key=skyfleet-ref-id}) and
     * {@code instance-state-name} in pending, running, shutting-down, stopping, stopped: <b>terminated instances are
     * never listed</b> (use {@link #getInstance} to see one). Regions: the filter's, else the configured ones, else
     * every enabled region. Instances without our ref-id tag are skipped, not errors.
     */
    @Override
    public List<ProviderInstance> listInstances(InstanceFilter filter) {
        InstanceFilter f = filter == null ? InstanceFilter.ALL : filter;
        List<software.amazon.awssdk.services.ec2.model.Filter> filters = new ArrayList<>();
        filters.add(f.refId() == null ? ec2Filter("tag-key", AwsInstances.REF_ID_TAG)
                : ec2Filter("tag:" + AwsInstances.REF_ID_TAG, f.refId()));
        filters.add(ec2Filter("instance-state-name", "pending", "running", "shutting-down", "stopping", "stopped"));
        List<String> regions = f.region() != null ? List.of(f.region()) : searchRegions();
        List<ProviderInstance> out = new ArrayList<>();
        for (String region : regions) {
            try (Ec2Client ec2 = ec2(region)) {
                for (Reservation r : ec2.describeInstancesPaginator(DescribeInstancesRequest.builder()
                        .filters(filters).build()).reservations()) {
                    for (Instance i : r.instances()) {
                        ProviderInstance pi = AwsInstances.toInstance(i, region);
                        if (pi.refId() == null || (f.refId() != null && !f.refId().equals(pi.refId()))) {
                            continue;
                        }
                        instanceRegions.put(pi.providerInstanceId(), region);
                        out.add(pi);
                    }
                }
            } catch (SdkException e) {
                throw AwsErrors.map(e, "DescribeInstances(" + region + ")");
            }
        }
        return out;
    }

    /** TerminateInstances; an id that no searched region knows ({@code InvalidInstanceID.NotFound}) is success. */
    @Override
    public void terminateInstance(String providerInstanceId) {
        onInstance(providerInstanceId, "TerminateInstances", (ec2, id) -> ec2.terminateInstances(
                TerminateInstancesRequest.builder().instanceIds(id).build()));
    }

    @Override
    public void rebootInstance(String providerInstanceId) {
        requireFound(providerInstanceId, onInstance(providerInstanceId, "RebootInstances",
                (ec2, id) -> ec2.rebootInstances(RebootInstancesRequest.builder().instanceIds(id).build())));
    }

    @Override
    public void stopInstance(String providerInstanceId) {
        requireFound(providerInstanceId, onInstance(providerInstanceId, "StopInstances",
                (ec2, id) -> ec2.stopInstances(StopInstancesRequest.builder().instanceIds(id).build())));
    }

    @Override
    public void startInstance(String providerInstanceId) {
        requireFound(providerInstanceId, onInstance(providerInstanceId, "StartInstances",
                (ec2, id) -> ec2.startInstances(StartInstancesRequest.builder().instanceIds(id).build())));
    }

    private static void requireFound(String id, boolean found) {
        if (!found) {
            throw new ProviderException(ID, ErrorKind.NOT_FOUND, "instance " + id + " not found",
                    "InvalidInstanceID.NotFound", 400, null, null);
        }
    }

    /** Runs an instance action in its region (known, or tried region by region); false when no region knows it. */
    private boolean onInstance(String id, String operation, java.util.function.BiConsumer<Ec2Client, String> action) {
        for (String region : regionsFor(id)) {
            try (Ec2Client ec2 = ec2(region)) {
                action.accept(ec2, id);
                instanceRegions.put(id, region);
                LOG.info("aws {}: {} {}", region, operation, id);
                return true;
            } catch (SdkException e) {
                ProviderException mapped = AwsErrors.map(e, operation + "(" + region + ")");
                if (mapped.kind() != ErrorKind.NOT_FOUND) {
                    throw mapped;
                }
            }
        }
        return false;
    }

    /** The region the id was last seen in first, then the other searched regions. */
    private List<String> regionsFor(String id) {
        String known = instanceRegions.get(id);
        List<String> out = new ArrayList<>();
        if (known != null) {
            out.add(known);
        }
        for (String region : searchRegions()) {
            if (!region.equals(known)) {
                out.add(region);
            }
        }
        return out;
    }

    /** Configured regions, else every enabled region (one DescribeRegions call). */
    private List<String> searchRegions() {
        if (!config.regions().isEmpty()) {
            return config.regions();
        }
        return listRegions().stream().map(Region::id).toList();
    }

    private static software.amazon.awssdk.services.ec2.model.Filter ec2Filter(String name, String... values) {
        return software.amazon.awssdk.services.ec2.model.Filter.builder().name(name).values(values).build();
    }

    private Ec2Client ec2(String region) {
        return ec2(region, config.maxAttempts());
    }

    private Ec2Client ec2(String region, int maxAttempts) {
        var builder = Ec2Client.builder().region(software.amazon.awssdk.regions.Region.of(region))
                .credentialsProvider(credentials).httpClient(httpClient)
                .overrideConfiguration(overrides(maxAttempts));
        if (config.endpointOverride() != null) {
            builder.endpointOverride(config.endpointOverride());
        }
        return builder.build();
    }

    private PricingClient pricing() {
        var builder = PricingClient.builder().region(software.amazon.awssdk.regions.Region.of(config.pricingRegion()))
                .credentialsProvider(credentials).httpClient(httpClient)
                .overrideConfiguration(overrides(config.maxAttempts()));
        if (config.endpointOverride() != null) {
            builder.endpointOverride(config.endpointOverride());
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides(int maxAttempts) {
        return ClientOverrideConfiguration.builder().apiCallTimeout(config.apiCallTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts)
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
