package dev.skyfleet.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * A typed provider error. Messages never contain credentials: implementations build them from the provider's
 * error code and message only.
 */
public class ProviderException extends RuntimeException {
    private final String provider;
    private final ErrorKind kind;
    private final String providerCode;
    private final int httpStatus;
    private final Duration retryAfter;

    public ProviderException(String provider, ErrorKind kind, String message, String providerCode, int httpStatus,
            Duration retryAfter, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.providerCode = providerCode;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderException(String provider, ErrorKind kind, String message) {
        this(provider, kind, message, null, 0, null, null);
    }

    public String provider() {
        return provider;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Whether repeating the same call later can succeed. */
    public boolean retryable() {
        return kind.retryable();
    }

    /** The provider's own error code ({@code instance-operations/launch/insufficient-capacity}); may be null. */
    public String providerCode() {
        return providerCode;
    }

    /** HTTP status of the failed call; 0 when not an HTTP error. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the provider asked us to wait (Retry-After); null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ProviderException notSupported(String provider, String operation) {
        return new ProviderException(provider, ErrorKind.NOT_SUPPORTED, operation + " is not supported");
    }
}
