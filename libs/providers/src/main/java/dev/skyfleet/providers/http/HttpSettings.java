package dev.skyfleet.providers.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How one provider's HTTP client behaves.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout timeout of one whole request (headers and body)
 * @param maxAttempts attempts per call including the first; only retryable errors are retried
 * @param initialBackoff first backoff; doubled per attempt, never below the provider's Retry-After
 * @param maxBackoff cap of one backoff (and of an honoured Retry-After)
 * @param requestsPerSecond client-side rate limit (token bucket refill rate)
 * @param burst token bucket size
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, double requestsPerSecond, int burst) {

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit must be positive");
        }
    }

    /** Defaults: 5 s connect, 30 s request, 4 attempts, 1 s first backoff, 30 s cap, 1 request/s. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 1.0, 1);
    }

    public HttpSettings withRate(double perSecond, int newBurst) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, perSecond,
                newBurst);
    }

    public HttpSettings withAttempts(int attempts, Duration firstBackoff, Duration cap) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, firstBackoff, cap, requestsPerSecond, burst);
    }

    public HttpSettings withTimeouts(Duration connect, Duration request) {
        return new HttpSettings(connect, request, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond, burst);
    }
}
