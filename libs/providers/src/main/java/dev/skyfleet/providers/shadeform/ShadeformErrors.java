package dev.skyfleet.providers.shadeform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.http.ProviderHttpClient;
import java.time.Duration;

/**
 * Shadeform errors (not in the spec; observed by brevdev): 409 {@code {"error_code": "OUT_OF_STOCK", "error": ...}}
 * is insufficient capacity, other 409 codes keep their code; 401/403 authentication; 429 and 5xx retryable.
 */
public final class ShadeformErrors {
    private ShadeformErrors() {
    }

    public static ProviderException map(int status, String body, Duration retryAfter) {
        JsonNode json = ProviderHttpClient.tryJson(body);
        String code = json != null && json.hasNonNull("error_code") ? json.get("error_code").asText() : null;
        String message = json != null && json.hasNonNull("error") && json.get("error").isTextual()
                ? json.get("error").asText() : ProviderHttpClient.excerpt(body);
        ErrorKind kind;
        if ("OUT_OF_STOCK".equalsIgnoreCase(code)) {
            kind = ErrorKind.INSUFFICIENT_CAPACITY;
        } else if (status == 409) {
            kind = ErrorKind.INVALID_REQUEST;
        } else {
            kind = ProviderHttpClient.kindForStatus(status);
        }
        String text = "HTTP " + status + (code == null ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        return new ProviderException(ShadeformProvider.ID, kind, text, code, status, retryAfter, null);
    }
}
