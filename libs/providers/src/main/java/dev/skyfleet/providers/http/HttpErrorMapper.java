package dev.skyfleet.providers.http;

import dev.skyfleet.providers.ProviderException;
import java.time.Duration;

/** Turns a non-2xx response into a typed error. The body is untrusted text; never put credentials in messages. */
@FunctionalInterface
public interface HttpErrorMapper {
    ProviderException map(int status, String body, Duration retryAfter);
}
