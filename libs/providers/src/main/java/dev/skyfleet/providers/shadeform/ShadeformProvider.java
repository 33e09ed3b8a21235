package dev.skyfleet.providers.shadeform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
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
import dev.skyfleet.providers.CatalogReadingProvider;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderInstance;
import dev.skyfleet.providers.http.ProviderHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import dev.skyfleet.providers.http.Sleeper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Shadeform (GPU broker) reader: one {@code GET /instances/types} per catalog read.
 *
 * <p>Offers have provider {@code shadeform} and cloud = the upstream {@code cloud} (a free string, never an enum);
 * the instance type name is {@code {cloud}_{shade_instance_type}}. One offer per availability row keyed by
 * (region, rental_type): {@code spot} rows give {@link UsageClass#SPOT} offers, {@code on_demand} or missing
 * rental_type give {@link UsageClass#ON_DEMAND}; a spot-only available row never makes the on-demand offer
 * available. Rows with another rental type (e.g. reserved) are skipped. Several rows for the same key are OR-ed. {@code hourly_price} is integer cents for the whole
 * instance and is used for both usage classes (the API has no separate spot price).
 *
 * <p>Write side: create is asynchronous on Shadeform ({@code creating} until {@code active} or {@code error}); the
 * returned instance is PENDING and callers poll {@link #getInstance}. The instance type name is split at its first
 * {@code _} into cloud and shade instance type. RefID and credential reference travel as {@code key=value} tags;
 * create lists instances first and returns one already tagged with the refId, sends the create POST once, and on a
 * retryable failure looks again before raising. Terminate of a missing instance succeeds; instances without our tag
 * are skipped when listing.
 */
public final class ShadeformProvider extends CatalogReadingProvider {
    public static final String ID = "shadeform";
    /** Per {@code provider-model.md}: create, terminate, tags, reboot, machine-image. */
    public static final Set<Capability> API_CAPABILITIES = Set.of(Capability.CREATE_INSTANCE,
            Capability.TERMINATE_INSTANCE, Capability.CREATE_TERMINATE_INSTANCE, Capability.TAGS,
            Capability.REBOOT_INSTANCE, Capability.MACHINE_IMAGE);

    private final ShadeformConfig config;
    private final ProviderHttpClient http;
    private final Clock clock;

    public ShadeformProvider(ShadeformConfig config) {
        this(config, Clock.systemUTC(), Sleeper.REAL);
    }

    public ShadeformProvider(ShadeformConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.http = new ProviderHttpClient(ID, config.http(), config.apiKey(), ShadeformErrors::map, sleeper, clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return API_CAPABILITIES;
    }

    public ProviderHttpClient http() {
        return http;
    }

    @Override
    public CatalogSnapshot readCatalog() {
        String base = config.baseUrl().toString().replaceAll("/+$", "");
        JsonNode root = http.getJson(java.net.URI.create(base + "/instances/types"),
                Map.of("X-API-KEY", config.apiKey().reveal()));
        JsonNode list = root.path("instance_types");
        if (!list.isArray()) {
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE,
                    "instances/types response has no instance_types array", null, 200, null, null);
        }
        Instant now = clock.instant();
        Map<String, InstanceTypeSpec> types = new LinkedHashMap<>();
        Map<String, Region> regions = new java.util.TreeMap<>();
        Map<String, Offer> offers = new LinkedHashMap<>();
        for (JsonNode item : list) {
            String cloud = item.path("cloud").asText("").trim().toLowerCase(Locale.ROOT);
            String shadeType = item.path("shade_instance_type").asText("").trim();
            if (cloud.isEmpty() || shadeType.isEmpty()) {
                continue;
            }
            InstanceTypeSpec spec = toSpec(cloud, shadeType, item);
            types.putIfAbsent(spec.name(), spec);
            JsonNode cents = item.get("hourly_price");
            Price price = cents != null && cents.isNumber() && cents.asLong() > 0 ? Price.usdCents(cents.asLong())
                    : null;
            for (JsonNode row : item.path("availability")) {
                String region = row.path("region").asText("").trim();
                if (region.isEmpty() || region.contains(":")) {
                    continue;
                }
                regions.putIfAbsent(region, new Region(ID, region, row.path("display_name").asText(null)));
                UsageClass usage = usageOf(row.get("rental_type"));
                if (usage == null) {
                    continue;
                }
                boolean available = row.path("available").asBoolean(false);
                Offer offer = Offer.of(ID, cloud, region, null, usage, spec, price, available, OfferSource.API, now);
                offers.merge(offer.id(), offer, (a, b) -> a.available() ? a : b);
            }
        }
        return new CatalogSnapshot(new ArrayList<>(regions.values()), new ArrayList<>(types.values()),
                new ArrayList<>(offers.values()));
    }

    // ---------------------------------------------------------------- write side

    @Override
    public ProviderInstance createInstance(CreateInstanceRequest request) {
        Optional<ProviderInstance> existing = findByRefId(request.refId());
        if (existing.isPresent()) {
            return existing.get();
        }
        int split = request.instanceType().indexOf('_');
        if (split <= 0 || split == request.instanceType().length() - 1) {
            throw new ProviderException(ID, ErrorKind.INVALID_REQUEST,
                    "instance type must be {cloud}_{shade_instance_type}: " + request.instanceType());
        }
        if (request.usage() != UsageClass.ON_DEMAND) {
            throw new ProviderException(ID, ErrorKind.INVALID_REQUEST, "spot launches are not supported here");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cloud", request.instanceType().substring(0, split));
        body.put("region", request.region());
        body.put("shade_instance_type", request.instanceType().substring(split + 1));
        body.put("shade_cloud", true);
        String name = request.name() == null || request.name().isBlank() ? "skyfleet-" + request.refId()
                : request.refId() + "_" + request.name();
        body.put("name", name);
        if (request.imageId() != null && !request.imageId().isBlank()) {
            body.put("os", request.imageId());
        }
        if (request.sshPublicKey() != null && !request.sshPublicKey().isBlank()) {
            body.put("ssh_key_id", ensureSshKey(request.sshPublicKey().trim()));
        }
        if (request.userData() != null) {
            body.put("launch_configuration", Map.of("type", "script", "script_configuration",
                    Map.of("base64_script", Base64.getEncoder().encodeToString(
                            request.userData().getBytes(StandardCharsets.UTF_8)))));
        }
        List<String> tags = new ArrayList<>();
        tags.add(ShadeformInstances.REF_ID_TAG + "=" + request.refId());
        if (request.credentialRef() != null) {
            tags.add(ShadeformInstances.CREDENTIAL_TAG + "=" + request.credentialRef());
        }
        request.tags().forEach((k, v) -> {
            if (!k.contains("=") && !k.startsWith("skyfleet-")) {
                tags.add(k + "=" + v);
            }
        });
        body.put("tags", tags);
        JsonNode response;
        try {
            response = http.postJsonOnce(uri("/instances/create"), headers(), body);
        } catch (ProviderException e) {
            if (e.retryable()) {
                Optional<ProviderInstance> created = findByRefId(request.refId());
                if (created.isPresent()) {
                    return created.get();
                }
            }
            throw e;
        }
        String id = response.path("id").asText(null);
        if (id == null) {
            throw new ProviderException(ID, ErrorKind.PROVIDER_UNAVAILABLE, "create response has no id");
        }
        return getInstance(id).orElseGet(() -> new ProviderInstance(id, request.refId(), request.credentialRef(),
                name, request.region(), null, request.instanceType(), dev.skyfleet.model.InstanceState.PENDING,
                "creating", null, null, Map.of(ShadeformInstances.REF_ID_TAG, request.refId()), clock.instant()));
    }

    private String ensureSshKey(String publicKey) {
        String name = "skyfleet-" + sha256(publicKey).substring(0, 16);
        for (JsonNode key : http.getJson(uri("/sshkeys"), headers()).path("ssh_keys")) {
            if (name.equals(key.path("name").asText(null))) {
                return key.path("id").asText();
            }
        }
        return http.postJson(uri("/sshkeys/add"), headers(), Map.of("name", name, "public_key", publicKey))
                .path("id").asText();
    }

    @Override
    public void terminateInstance(String providerInstanceId) {
        try {
            http.postJson(uri("/instances/" + providerInstanceId + "/delete"), headers(), Map.of());
        } catch (ProviderException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public Optional<ProviderInstance> getInstance(String providerInstanceId) {
        try {
            JsonNode node = http.getJson(uri("/instances/" + providerInstanceId + "/info"), headers());
            return node.isObject() ? Optional.of(ShadeformInstances.toInstance(node)) : Optional.empty();
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
        for (JsonNode node : http.getJson(uri("/instances"), headers()).path("instances")) {
            ProviderInstance instance = ShadeformInstances.toInstance(node);
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
        http.postJson(uri("/instances/" + providerInstanceId + "/restart"), headers(), Map.of());
    }

    private Optional<ProviderInstance> findByRefId(String refId) {
        return listInstances(InstanceFilter.byRefId(refId)).stream()
                .filter(i -> i.state() != dev.skyfleet.model.InstanceState.TERMINATED
                        && i.state() != dev.skyfleet.model.InstanceState.FAILED).findFirst();
    }

    private URI uri(String path) {
        return URI.create(config.baseUrl().toString().replaceAll("/+$", "") + path);
    }

    private Map<String, String> headers() {
        return Map.of("X-API-KEY", config.apiKey().reveal());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code spot} → spot; {@code on_demand}, missing or null → on-demand; any other rental type (reserved, ...)
     * → null: such a row says nothing about on-demand or spot capacity and is skipped.
     */
    static UsageClass usageOf(JsonNode rentalType) {
        if (rentalType == null || rentalType.isNull() || rentalType.asText("").isBlank()) {
            return UsageClass.ON_DEMAND;
        }
        return UsageClass.fromWire(rentalType.asText().trim());
    }

    static InstanceTypeSpec toSpec(String cloud, String shadeType, JsonNode item) {
        JsonNode c = item.path("configuration");
        Gpu gpu = gpuOf(c);
        Architecture arch = gpu != null && (gpu.model().startsWith("GH") || gpu.model().startsWith("GB"))
                ? Architecture.ARM64 : Architecture.X86_64;
        Set<Capability> caps = Set.of(Capability.REBOOT_INSTANCE);
        String description = item.path("cloud_instance_type").asText(null);
        return new InstanceTypeSpec(ID, cloud + "_" + shadeType, decimal(c, "vcpus"), decimal(c, "memory_in_gb"),
                positive(decimal(c, "storage_in_gb")), gpu, arch, caps, null,
                description == null ? null : cloud + " " + description);
    }

    /** GPU from gpu_type / vram_per_gpu_in_gb / interconnect / gpu_manufacturer; {@code A100_80G} → A100 80 GB. */
    static Gpu gpuOf(JsonNode c) {
        int count = c.path("num_gpus").asInt(0);
        String gpuType = c.path("gpu_type").asText("").trim();
        if (count <= 0 || gpuType.isEmpty()) {
            return null;
        }
        GpuNames.ParsedName parsed = GpuNames.parse(gpuType.replaceAll("(?i)(\\d+)G$", "$1GB"));
        BigDecimal vram = positive(decimal(c, "vram_per_gpu_in_gb"));
        Interconnect interconnect = Interconnect.fromWire(c.path("interconnect").asText(null));
        if (interconnect == null) {
            interconnect = parsed.interconnect();
        }
        GpuManufacturer maker = c.hasNonNull("gpu_manufacturer")
                ? GpuManufacturer.fromWire(c.get("gpu_manufacturer").asText()) : null;
        if (maker == GpuManufacturer.UNKNOWN) {
            maker = null;
        }
        return new Gpu(parsed.model(), BigDecimal.valueOf(count), vram != null ? vram : parsed.memoryGb(),
                interconnect, maker, gpuType);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? null : v.decimalValue();
    }

    private static BigDecimal positive(BigDecimal v) {
        return v == null || v.signum() <= 0 ? null : v;
    }
}
