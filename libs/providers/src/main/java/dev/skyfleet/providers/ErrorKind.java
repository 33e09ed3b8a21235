package dev.skyfleet.providers;

/** The provider error taxonomy. Every provider error maps to exactly one kind. */
public enum ErrorKind {
    /** The offer (type in a region/zone) has no capacity now; another offer may. */
    INSUFFICIENT_CAPACITY(false),
    /** An account quota or limit is reached for this provider-region; retrying in place will not help. */
    QUOTA_EXCEEDED(false),
    /** The request is wrong (unknown region, bad parameter); fix the request. */
    INVALID_REQUEST(false),
    /** Credentials missing, invalid, expired, or the account is inactive. */
    AUTHENTICATION_FAILED(false),
    /** The instance or resource does not exist. */
    NOT_FOUND(false),
    /** Too many requests; retry after the delay the provider asked for. */
    RATE_LIMITED(true),
    /** The provider API is down, timing out or failing internally. */
    PROVIDER_UNAVAILABLE(true),
    /** The provider, instance type or instance cannot do this. */
    NOT_SUPPORTED(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether repeating the same call later can succeed. */
    public boolean retryable() {
        return retryable;
    }
}
