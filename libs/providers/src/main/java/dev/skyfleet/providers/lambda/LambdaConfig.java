package dev.skyfleet.providers.lambda;

import dev.skyfleet.providers.Secret;
import dev.skyfleet.providers.http.HttpSettings;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Lambda Cloud settings.
 *
 * @param baseUrl API root, {@code https://cloud.lambda.ai} in production (paths are {@code /api/v1/...})
 * @param apiKey API key, sent as {@code Authorization: Bearer}
 * @param extraRegions regions to add to the known 1.8.3 region list (the region universe), e.g. new ones
 * @param http timeouts, retries, rate limit (Lambda: 1 request/s)
 * @param launchInterval minimum time between launches (Lambda: 1 launch per 12 s)
 */
public record LambdaConfig(URI baseUrl, Secret apiKey, List<String> extraRegions, HttpSettings http,
        java.time.Duration launchInterval) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://cloud.lambda.ai");

    public LambdaConfig {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        Objects.requireNonNull(apiKey, "apiKey");
        extraRegions = extraRegions == null ? List.of() : List.copyOf(extraRegions);
        http = http == null ? HttpSettings.defaults() : http;
        launchInterval = launchInterval == null || launchInterval.isNegative() ? java.time.Duration.ofSeconds(12)
                : launchInterval;
    }

    public LambdaConfig(URI baseUrl, Secret apiKey, List<String> extraRegions, HttpSettings http) {
        this(baseUrl, apiKey, extraRegions, http, null);
    }

    public static LambdaConfig of(URI baseUrl, Secret apiKey) {
        return new LambdaConfig(baseUrl, apiKey, List.of(), null);
    }

    @Override
    public String toString() {
        return "LambdaConfig[baseUrl=" + baseUrl + ", apiKey=****, extraRegions=" + extraRegions + "]";
    }
}
