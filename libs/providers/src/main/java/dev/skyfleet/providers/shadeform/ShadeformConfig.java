package dev.skyfleet.providers.shadeform;

import dev.skyfleet.providers.Secret;
import dev.skyfleet.providers.http.HttpSettings;
import java.net.URI;
import java.util.Objects;

/**
 * Shadeform settings.
 *
 * @param baseUrl API root including {@code /v1}: {@code https://api.shadeform.ai/v1} in production
 * @param apiKey API key, sent as {@code X-API-KEY}
 * @param http timeouts, retries, rate limit
 */
public record ShadeformConfig(URI baseUrl, Secret apiKey, HttpSettings http) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.shadeform.ai/v1");

    public ShadeformConfig {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        Objects.requireNonNull(apiKey, "apiKey");
        http = http == null ? HttpSettings.defaults().withRate(2, 2) : http;
    }

    @Override
    public String toString() {
        return "ShadeformConfig[baseUrl=" + baseUrl + ", apiKey=****]";
    }
}
