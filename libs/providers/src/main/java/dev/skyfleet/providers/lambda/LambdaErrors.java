package dev.skyfleet.providers.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.http.ProviderHttpClient;
import java.time.Duration;

/**
 * Lambda's error envelope {@code {"error": {"code", "message", "suggestion"}}} mapped by {@code code} (never by
 * message), as in {@code lambda-cloud-api.md}; 429 is rate limiting whatever the body (it may not be JSON).
 */
public final class LambdaErrors {
    private LambdaErrors() {
    }

    public static ErrorKind kindOf(String code, int status) {
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (code != null) {
            if (code.equals("instance-operations/launch/insufficient-capacity")) {
                return ErrorKind.INSUFFICIENT_CAPACITY;
            }
            if (code.equals("global/quota-exceeded")) {
                return ErrorKind.QUOTA_EXCEEDED;
            }
            if (code.equals("global/invalid-api-key") || code.equals("global/account-inactive")
                    || code.equals("global/invalid-address")) {
                return ErrorKind.AUTHENTICATION_FAILED;
            }
            if (code.equals("global/object-does-not-exist")) {
                return ErrorKind.NOT_FOUND;
            }
            if (code.equals("global/internal-error") || code.startsWith("provider/")) {
                return ErrorKind.PROVIDER_UNAVAILABLE;
            }
            if (code.equals("global/invalid-parameters") || code.equals("global/duplicate")
                    || code.startsWith("instance-operations/") || code.endsWith("-in-use")) {
                return ErrorKind.INVALID_REQUEST;
            }
        }
        return ProviderHttpClient.kindForStatus(status);
    }

    public static ProviderException map(int status, String body, Duration retryAfter) {
        JsonNode json = ProviderHttpClient.tryJson(body);
        JsonNode error = json == null ? null : json.path("error");
        String code = error != null && error.hasNonNull("code") ? error.get("code").asText() : null;
        String message = error != null && error.hasNonNull("message") ? error.get("message").asText()
                : ProviderHttpClient.excerpt(body);
        ErrorKind kind = kindOf(code, status);
        String text = "HTTP " + status + (code == null ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        return new ProviderException(LambdaCloudProvider.ID, kind, text, code, status, retryAfter, null);
    }
}
