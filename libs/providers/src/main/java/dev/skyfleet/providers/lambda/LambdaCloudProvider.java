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
import dev.skyfleet.providers.CatalogReadingProvider;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderInstance;
import dev.skyfleet.providers.http.ProviderHttpClient;
import dev.skyfleet.providers.http.Sleeper;
import dev.skyfleet.providers.http.TokenBucket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
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
public final class LambdaCloudProvider extends CatalogReadingProvider {
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
    private final TokenBucket launchBucket;
    private static final Pattern TAG_KEY = Pattern.compile("^[a-z][a-z0-9-:]+$");

    public LambdaCloudProvider(LambdaConfig config) {
        this(config, Clock.systemUTC(), Sleeper.REAL);
    }

    public LambdaCloudProvider(LambdaConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.http = new ProviderHttpClient(ID, config.http(), config.apiKey(), LambdaErrors::map, sleeper, clock);
        this.launchBucket = new TokenBucket(1.0 / Math.max(0.001, config.launchInterval().toMillis() / 1000.0), 1,
                sleeper == null ? Sleeper.REAL : sleeper);
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

    // ---------------------------------------------------------------- write side

    @Override
    public ProviderInstance createInstance(CreateInstanceRequest request) {
        Optional<ProviderInstance> existing = findByRefId(request.refId());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (request.sshPublicKey() == null || request.sshPublicKey().isBlank()) {
            throw new ProviderException(ID, ErrorKind.INVALID_REQUEST, "Lambda needs an SSH public key to launch");
        }
        if (request.zone() != null) {
            throw new ProviderException(ID, ErrorKind.INVALID_REQUEST, "Lambda has no availability zones");
        }
        if (request.usage() != UsageClass.ON_DEMAND) {
            throw new ProviderException(ID, ErrorKind.INVALID_REQUEST, "Lambda has no spot instances");
        }
        String keyName = ensureSshKey(request.sshPublicKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region_name", request.region());
        body.put("instance_type_name", request.instanceType());
        body.put("ssh_key_names", List.of(keyName));
        String name = request.name() == null || request.name().isBlank() ? "skyfleet-" + request.refId()
                : request.name();
        body.put("name", name.length() > 64 ? name.substring(0, 64) : name);
        if (request.userData() != null) {
            body.put("user_data", request.userData());
        }
        if (request.imageId() != null && !request.imageId().isBlank()) {
            body.put("image", Map.of("family", request.imageId()));
        }
        List<Map<String, String>> tags = new ArrayList<>();
        tags.add(Map.of("key", LambdaInstances.REF_ID_TAG, "value", request.refId()));
        if (request.credentialRef() != null) {
            tags.add(Map.of("key", LambdaInstances.CREDENTIAL_TAG, "value", request.credentialRef()));
        }
        request.tags().forEach((k, v) -> {
            if (TAG_KEY.matcher(k).matches() && k.length() <= 55 && v != null && v.length() <= 128
                    && !k.startsWith("skyfleet-")) {
                tags.add(Map.of("key", k, "value", v));
            }
        });
        body.put("tags", tags);
        try {
            launchBucket.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE, "interrupted before launch");
        }
        JsonNode response;
        try {
            response = http.postJsonOnce(uri("/api/v1/instance-operations/launch"), authHeaders(), body);
        } catch (ProviderException e) {
            if (e.retryable()) {
                Optional<ProviderInstance> launched = findByRefId(request.refId());
                if (launched.isPresent()) {
                    return launched.get();
                }
            }
            throw e;
        }
        String id = response.path("data").path("instance_ids").path(0).asText(null);
        if (id == null) {
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE, "launch response has no instance id");
        }
        return getInstance(id).orElseGet(() -> new ProviderInstance(id, request.refId(), request.credentialRef(),
                name, request.region(), null, request.instanceType(), dev.skyfleet.model.InstanceState.PENDING,
                "booting", null, null, Map.of(LambdaInstances.REF_ID_TAG, request.refId()), clock.instant()));
    }

    /** Registers the public key once under a name derived from it; an existing key of that name is reused. */
    private String ensureSshKey(String publicKey) {
        String name = "skyfleet-" + sha256(publicKey.trim()).substring(0, 16);
        for (JsonNode key : http.getJson(uri("/api/v1/ssh-keys"), authHeaders()).path("data")) {
            if (name.equals(key.path("name").asText(null))) {
                return name;
            }
        }
        try {
            http.postJson(uri("/api/v1/ssh-keys"), authHeaders(), Map.of("name", name, "public_key", publicKey.trim()));
        } catch (ProviderException e) {
            if (e.kind() != ErrorKind.INVALID_REQUEST || e.getMessage() == null || !e.getMessage().contains("unique")) {
                throw e;
            }
        }
        return name;
    }

    @Override
    public void terminateInstance(String providerInstanceId) {
        try {
            http.postJson(uri("/api/v1/instance-operations/terminate"), authHeaders(),
                    Map.of("instance_ids", List.of(providerInstanceId)));
        } catch (ProviderException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public Optional<ProviderInstance> getInstance(String providerInstanceId) {
        try {
            JsonNode node = http.getJson(uri("/api/v1/instances/" + providerInstanceId), authHeaders()).path("data");
            return node.isObject() ? Optional.of(LambdaInstances.toInstance(node)) : Optional.empty();
        } catch (ProviderException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ProviderInstance> listInstances(InstanceFilter filter) {
        InstanceFilter f = filter == null ? InstanceFilter.ALL : filter;
        List<ProviderInstance> out = new ArrayList<>();
        for (JsonNode node : http.getJson(uri("/api/v1/instances"), authHeaders()).path("data")) {
            ProviderInstance instance = LambdaInstances.toInstance(node);
            if (instance.refId() == null) {
                continue;
            }
            if ((f.refId() == null || f.refId().equals(instance.refId()))
                    && (f.region() == null || f.region().equals(instance.region()))) {
                out.add(instance);
            }
        }
        return out;
    }

    @Override
    public void rebootInstance(String providerInstanceId) {
        http.postJson(uri("/api/v1/instance-operations/restart"), authHeaders(),
                Map.of("instance_ids", List.of(providerInstanceId)));
    }

    private Optional<ProviderInstance> findByRefId(String refId) {
        return listInstances(InstanceFilter.byRefId(refId)).stream()
                .filter(i -> i.state() != dev.skyfleet.model.InstanceState.TERMINATED).findFirst();
    }

    private URI uri(String path) {
        return config.baseUrl().resolve(path);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
