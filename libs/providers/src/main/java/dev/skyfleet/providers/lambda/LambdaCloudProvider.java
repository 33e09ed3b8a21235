package dev.skyfleet.providers.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.http.ProviderHttpClient;
import dev.skyfleet.providers.http.Sleeper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda Cloud reader: one {@code GET /api/v1/instance-types} per catalog read.
 *
 * <p>Availability: a type is available in a region iff the region is in {@code regions_with_capacity_available}.
 * Regions without capacity are not in the response, so offers are produced for every type × region of the region
 * universe (the known 1.8.3 region list ∪ configured extras ∪ regions seen), {@code available=false} where not
 * listed. Prices are integer cents for the whole instance, on-demand only (Lambda has no spot market).
 */
public final class LambdaCloudProvider implements CloudProvider {
    public static final String ID = "lambda";
    /** What the Lambda API (1.8.3) supports, per {@code provider-model.md} plus tags and user data. */
    public static final Set<Capability> API_CAPABILITIES = Set.of(Capability.CREATE_INSTANCE,
            Capability.TERMINATE_INSTANCE, Capability.CREATE_TERMINATE_INSTANCE, Capability.REBOOT_INSTANCE,
            Capability.TAGS, Capability.INSTANCE_USERDATA);
    private static final BigDecimal GB_PER_GIB = new BigDecimal("1.073741824");

    private final LambdaConfig config;
    private final ProviderHttpClient http;
    private final Clock clock;
    private final Set<String> seenRegions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> seenDescriptions = new java.util.concurrent.ConcurrentHashMap<>();

    public LambdaCloudProvider(LambdaConfig config) {
        this(config, Clock.systemUTC(), Sleeper.REAL);
    }

    public LambdaCloudProvider(LambdaConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.http = new ProviderHttpClient(ID, config.http(), config.apiKey(), LambdaErrors::map, sleeper, clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return API_CAPABILITIES;
    }

    /** The shared HTTP client (attempt counts in tests). */
    public ProviderHttpClient http() {
        return http;
    }

    @Override
    public List<Region> listRegions() {
        return readCatalog().regions();
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
        JsonNode root = http.getJson(config.baseUrl().resolve("/api/v1/instance-types"), authHeaders());
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE,
                    "instance-types response has no data object", null, 200, null, null);
        }
        Instant now = clock.instant();
        List<InstanceTypeSpec> types = new ArrayList<>();
        Map<String, Set<String>> capacity = new LinkedHashMap<>();
        Map<String, Price> prices = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode type = entry.getValue().path("instance_type");
            String name = type.hasNonNull("name") ? type.get("name").asText() : entry.getKey();
            InstanceTypeSpec spec = toSpec(name, type);
            types.add(spec);
            JsonNode cents = type.get("price_cents_per_hour");
            prices.put(spec.name(), cents == null || !cents.isNumber() || cents.asLong() <= 0 ? null
                    : Price.usdCents(cents.asLong()));
            Set<String> regions = new LinkedHashSet<>();
            for (JsonNode region : entry.getValue().path("regions_with_capacity_available")) {
                String code = region.path("name").asText(null);
                if (code == null || code.isBlank()) {
                    continue;
                }
                regions.add(code);
                seenRegions.add(code);
                if (region.hasNonNull("description")) {
                    seenDescriptions.put(code, region.get("description").asText());
                }
            }
            capacity.put(spec.name(), regions);
        }
        List<Region> regions = regionUniverse();
        List<Offer> offers = new ArrayList<>();
        for (InstanceTypeSpec spec : types) {
            Price price = prices.get(spec.name());
            Set<String> withCapacity = capacity.getOrDefault(spec.name(), Set.of());
            for (Region region : regions) {
                offers.add(Offer.of(ID, ID, region.id(), null, UsageClass.ON_DEMAND, spec, price,
                        withCapacity.contains(region.id()), OfferSource.API, now));
            }
        }
        return new CatalogSnapshot(regions, types, offers);
    }

    /** Known regions ∪ configured extras ∪ regions seen in any response so far, in that order. */
    public List<Region> regionUniverse() {
        Map<String, String> all = new LinkedHashMap<>(LambdaRegions.KNOWN);
        config.extraRegions().forEach(r -> all.putIfAbsent(r, null));
        seenRegions.stream().sorted().forEach(r -> all.putIfAbsent(r, null));
        List<Region> out = new ArrayList<>();
        all.forEach((code, description) -> out.add(
                new Region(ID, code, seenDescriptions.getOrDefault(code, description))));
        return out;
    }

    static InstanceTypeSpec toSpec(String name, JsonNode type) {
        JsonNode specs = type.path("specs");
        Integer gpus = specs.hasNonNull("gpus") ? specs.get("gpus").asInt() : null;
        String description = type.path("description").asText(null);
        Gpu gpu = LambdaGpu.parse(description, type.path("gpu_description").asText(null), gpus);
        BigDecimal storage = specs.hasNonNull("storage_gib")
                ? specs.get("storage_gib").decimalValue().multiply(GB_PER_GIB).setScale(0, RoundingMode.HALF_UP)
                : null;
        return new InstanceTypeSpec(ID, name, decimal(specs, "vcpus"), decimal(specs, "memory_gib"),
                storage != null && storage.signum() > 0 ? storage : null, gpu, LambdaGpu.architecture(gpu),
                Set.of(Capability.REBOOT_INSTANCE), null, description);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? null : v.decimalValue();
    }

    private Map<String, String> authHeaders() {
        return Map.of("Authorization", "Bearer " + config.apiKey().reveal());
    }

    URI baseUrl() {
        return config.baseUrl();
    }
}
