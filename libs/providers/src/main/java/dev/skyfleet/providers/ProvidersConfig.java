package dev.skyfleet.providers;

import dev.skyfleet.providers.http.HttpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain configuration of every provider, for {@link ProviderFactory}. Quarkus services map their
 * {@code @ConfigMapping} onto these records, or pass a flat key/value map to {@link #fromMap(Map, Map)}.
 *
 * @param lambda Lambda Cloud; built only when enabled and an API key is set
 * @param shadeform Shadeform; built only when enabled and an API key is set
 * @param aws AWS EC2; built only when enabled (credentials come from the SDK default chain or static keys)
 * @param sandbox the simulator; no credentials
 * @param catalog SkyPilot-format catalog files; a directory or, when none is set, the bundled snapshot
 * @param http HTTP settings for the REST providers (Lambda's own 1 request/s limit is always applied)
 */
public record ProvidersConfig(Lambda lambda, Shadeform shadeform, Aws aws, Sandbox sandbox, Catalog catalog,
        HttpSettings http) {

    public ProvidersConfig {
        lambda = lambda == null ? new Lambda(true, null, null, List.of()) : lambda;
        shadeform = shadeform == null ? new Shadeform(true, null, null) : shadeform;
        aws = aws == null ? new Aws(false, List.of(), 4, null, null, null) : aws;
        sandbox = sandbox == null ? new Sandbox(true, 42L, null, 75, 32) : sandbox;
        catalog = catalog == null ? new Catalog(true, null) : catalog;
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** Defaults: sandbox and bundled catalog on, Lambda/Shadeform on when a key is given, AWS off. */
    public static ProvidersConfig defaults() {
        return new ProvidersConfig(null, null, null, null, null, null);
    }

    /** @param extraRegions regions added to the known Lambda region list */
    public record Lambda(boolean enabled, URI baseUrl, Secret apiKey, List<String> extraRegions) {
        public Lambda {
            extraRegions = extraRegions == null ? List.of() : List.copyOf(extraRegions);
        }

        @Override
        public String toString() {
            return "Lambda[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****")
                    + ", extraRegions=" + extraRegions + "]";
        }
    }

    public record Shadeform(boolean enabled, URI baseUrl, Secret apiKey) {
        @Override
        public String toString() {
            return "Shadeform[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey="
                    + (apiKey == null ? "none" : "****") + "]";
        }
    }

    /**
     * @param regions regions to read (empty: every enabled region)
     * @param endpointOverride one base URI for EC2 and Pricing (stubs only)
     * @param accessKeyId static key id, or null for the SDK default chain
     * @param secretAccessKey static secret, or null for the SDK default chain
     * @param defaultImageId AMI for creates that name no image ({@code aws.default-image-id}); required for launches
     *        in a real deployment unless every request carries an image
     */
    public record Aws(boolean enabled, List<String> regions, int parallelism, URI endpointOverride, String accessKeyId,
            Secret secretAccessKey, String defaultImageId) {
        public Aws {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        /** Without a default AMI. */
        public Aws(boolean enabled, List<String> regions, int parallelism, URI endpointOverride, String accessKeyId,
                Secret secretAccessKey) {
            this(enabled, regions, parallelism, endpointOverride, accessKeyId, secretAccessKey, null);
        }

        @Override
        public String toString() {
            return "Aws[enabled=" + enabled + ", regions=" + regions + ", parallelism=" + parallelism
                    + ", endpointOverride=" + endpointOverride + ", staticKeys=" + (secretAccessKey != null)
                    + ", defaultImageId=" + defaultImageId + "]";
        }
    }

    /** @param launchDelay null for the simulator's default */
    public record Sandbox(boolean enabled, long seed, Duration launchDelay, int availabilityPercent,
            int maxInstancesPerRegion) {
    }

    /** @param dir {@code <dir>/<cloud>/vms.csv}; null = the bundled snapshot */
    public record Catalog(boolean enabled, Path dir) {
    }

    /**
     * Reads a flat map ({@code lambda.api-key}, {@code lambda.base-url}, {@code lambda.regions}, {@code lambda.enabled},
     * {@code shadeform.api-key}, {@code shadeform.base-url}, {@code shadeform.enabled}, {@code aws.enabled},
     * {@code aws.regions}, {@code aws.parallelism}, {@code aws.endpoint-override}, {@code aws.access-key-id},
     * {@code aws.secret-access-key}, {@code aws.default-image-id}, {@code sandbox.enabled}, {@code sandbox.seed},
     * {@code sandbox.launch-delay}
     * (ISO-8601 or seconds), {@code sandbox.availability-percent}, {@code sandbox.max-instances-per-region},
     * {@code catalog.enabled}, {@code catalog.dir}, {@code http.connect-timeout}, {@code http.request-timeout},
     * {@code http.max-attempts}). Credentials missing from the map are taken from the environment:
     * {@code LAMBDA_API_KEY}, {@code SHADEFORM_API_KEY}; AWS is enabled by default when {@code AWS_ACCESS_KEY_ID} or
     * {@code AWS_PROFILE} is set.
     */
    public static ProvidersConfig fromMap(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> p = properties == null ? Map.of() : properties;
        Map<String, String> e = env == null ? Map.of() : env;
        Lambda lambda = new Lambda(bool(p, "lambda.enabled", true), uri(p.get("lambda.base-url")),
                Secret.ofNullable(p.getOrDefault("lambda.api-key", e.get("LAMBDA_API_KEY"))),
                list(p.get("lambda.regions")));
        Shadeform shadeform = new Shadeform(bool(p, "shadeform.enabled", true), uri(p.get("shadeform.base-url")),
                Secret.ofNullable(p.getOrDefault("shadeform.api-key", e.get("SHADEFORM_API_KEY"))));
        boolean awsInEnv = e.containsKey("AWS_ACCESS_KEY_ID") || e.containsKey("AWS_PROFILE");
        Aws aws = new Aws(bool(p, "aws.enabled", awsInEnv), list(p.get("aws.regions")),
                integer(p, "aws.parallelism", 4), uri(p.get("aws.endpoint-override")), blankToNull(p.get(
                        "aws.access-key-id")), Secret.ofNullable(p.get("aws.secret-access-key")),
                blankToNull(p.get("aws.default-image-id")));
        Sandbox sandbox = new Sandbox(bool(p, "sandbox.enabled", true), Long.parseLong(p.getOrDefault("sandbox.seed",
                "42").trim()), duration(p.get("sandbox.launch-delay")), integer(p, "sandbox.availability-percent", 75),
                integer(p, "sandbox.max-instances-per-region", 32));
        String dir = blankToNull(p.get("catalog.dir"));
        Catalog catalog = new Catalog(bool(p, "catalog.enabled", true), dir == null ? null : Path.of(dir));
        HttpSettings defaults = HttpSettings.defaults();
        Duration connect = duration(p.get("http.connect-timeout"));
        Duration request = duration(p.get("http.request-timeout"));
        HttpSettings http = defaults.withTimeouts(connect == null ? defaults.connectTimeout() : connect,
                request == null ? defaults.requestTimeout() : request)
                .withAttempts(integer(p, "http.max-attempts", defaults.maxAttempts()), defaults.initialBackoff(),
                        defaults.maxBackoff());
        return new ProvidersConfig(lambda, shadeform, aws, sandbox, catalog, http);
    }

    private static boolean bool(Map<String, String> p, String key, boolean fallback) {
        String v = blankToNull(p.get(key));
        return v == null ? fallback : Boolean.parseBoolean(v.trim());
    }

    private static int integer(Map<String, String> p, String key, int fallback) {
        String v = blankToNull(p.get(key));
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    private static URI uri(String v) {
        String s = blankToNull(v);
        return s == null ? null : URI.create(s.trim());
    }

    private static List<String> list(String v) {
        String s = blankToNull(v);
        return s == null ? List.of()
                : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static Duration duration(String v) {
        String s = blankToNull(v);
        if (s == null) {
            return null;
        }
        s = s.trim();
        return s.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(s) : Duration.ofMillis(
                Math.round(Double.parseDouble(s.replaceAll("(?i)s$", "")) * 1000));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
