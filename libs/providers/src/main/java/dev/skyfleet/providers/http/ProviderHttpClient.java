package dev.skyfleet.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.model.Json;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP plumbing every REST provider shares: {@link java.net.http.HttpClient} with connect and request timeouts,
 * a client-side token bucket, bounded retries with exponential backoff for retryable errors only
 * ({@link ErrorKind#RATE_LIMITED}, {@link ErrorKind#PROVIDER_UNAVAILABLE}), honouring {@code Retry-After} (never
 * retrying sooner; a Retry-After longer than {@link HttpSettings#maxBackoff()} ends the call at once with the delay in
 * {@link ProviderException#retryAfter()} so the caller can schedule the retry instead of blocking), and
 * lenient JSON parsing. Credentials travel only in headers; logs and errors carry method, path, status and the
 * provider's error code, and any echo of the secret in a response body is masked.
 */
public final class ProviderHttpClient {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderHttpClient.class);
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String provider;
    private final HttpSettings settings;
    private final HttpErrorMapper errorMapper;
    private final Secret secret;
    private final Sleeper sleeper;
    private final Clock clock;
    private final TokenBucket bucket;
    private final HttpClient http;
    private final AtomicLong attempts = new AtomicLong();

    public ProviderHttpClient(String provider, HttpSettings settings, Secret secret, HttpErrorMapper errorMapper,
            Sleeper sleeper, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errorMapper = Objects.requireNonNull(errorMapper, "errorMapper");
        this.secret = secret;
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.bucket = new TokenBucket(settings.requestsPerSecond(), settings.burst(), this.sleeper);
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** How many HTTP attempts this client has made (for tests and metrics). */
    public long attempts() {
        return attempts.get();
    }

    /** GET returning parsed JSON. */
    public JsonNode getJson(URI uri, Map<String, String> headers) {
        return parseJson(send("GET", uri, headers, null), uri);
    }

    /** POST of a JSON body returning parsed JSON (an empty body gives a missing node). */
    public JsonNode postJson(URI uri, Map<String, String> headers, Object body) {
        String json;
        try {
            json = body instanceof String s ? s : Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not serialisable", e);
        }
        return parseJson(send("POST", uri, headers, json), uri);
    }

    /**
     * POST of a JSON body with exactly one attempt: for calls that are not idempotent (a launch), where a retry after a
     * timeout could create a second resource. The caller decides what to do on a retryable error.
     */
    public JsonNode postJsonOnce(URI uri, Map<String, String> headers, Object body) {
        String json;
        try {
            json = body instanceof String s ? s : Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not serialisable", e);
        }
        return parseJson(sendOnce("POST", uri, headers, json), uri);
    }

    /** Sends one logical call, retrying retryable failures; returns the 2xx body. */
    public String send(String method, URI uri, Map<String, String> headers, String jsonBody) {
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1;; attempt++) {
            ProviderException failure;
            try {
                return sendOnce(method, uri, headers, jsonBody);
            } catch (ProviderException e) {
                failure = e;
            }
            if (!failure.retryable() || attempt >= settings.maxAttempts()) {
                throw failure;
            }
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(settings.maxBackoff()) > 0) {
                // the provider wants a longer pause than we may block for: give up now, the error carries the delay
                throw failure;
            }
            Duration delay = backoff;
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(delay) > 0) {
                delay = failure.retryAfter();
            }
            if (delay.compareTo(settings.maxBackoff()) > 0) {
                delay = settings.maxBackoff();
            }
            if (failure.retryAfter() != null && delay.compareTo(failure.retryAfter()) < 0) {
                delay = failure.retryAfter();
            }
            LOG.warn("{} {} {} failed ({}, attempt {}/{}), retrying in {} ms", provider, method, uri.getPath(),
                    failure.kind(), attempt, settings.maxAttempts(), delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ProviderException(provider, ErrorKind.PROVIDER_UNAVAILABLE, "interrupted while retrying",
                        null, failure.httpStatus(), null, failure);
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private String sendOnce(String method, URI uri, Map<String, String> headers, String jsonBody) {
        try {
            bucket.acquire();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ProviderException(provider, ErrorKind.PROVIDER_UNAVAILABLE, "interrupted", null, 0, null, null);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Accept", "application/json").header("User-Agent", "skyfleet-providers");
        headers.forEach(builder::header);
        if (jsonBody == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        attempts.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderException(provider, ErrorKind.PROVIDER_UNAVAILABLE,
                    method + " " + uri.getPath() + " timed out", null, 0, null, null);
        } catch (IOException e) {
            throw new ProviderException(provider, ErrorKind.PROVIDER_UNAVAILABLE,
                    method + " " + uri.getPath() + " failed: " + e.getClass().getSimpleName(), null, 0, null, null);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ProviderException(provider, ErrorKind.PROVIDER_UNAVAILABLE, "interrupted", null, 0, null, null);
        }
        int status = response.statusCode();
        LOG.debug("{} {} {} -> {}", provider, method, uri.getPath(), status);
        if (status >= 200 && status < 300) {
            return response.body();
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        ProviderException mapped = errorMapper.map(status, redact(response.body()), retryAfter);
        if (mapped.retryAfter() == null && retryAfter != null) {
            mapped = new ProviderException(mapped.provider(), mapped.kind(), stripPrefix(mapped.getMessage()),
                    mapped.providerCode(), mapped.httpStatus(), retryAfter, mapped.getCause());
        }
        return throwIt(mapped);
    }

    private String stripPrefix(String message) {
        String prefix = provider + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String throwIt(ProviderException e) {
        throw e;
    }

    private JsonNode parseJson(String body, URI uri) {
        if (body == null || body.isBlank()) {
            return Json.mapper().missingNode();
        }
        try {
            ObjectMapper mapper = Json.mapper();
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new ProviderException(provider, ErrorKind.PROVIDER_UNAVAILABLE,
                    "malformed JSON from " + uri.getPath(), null, 200, null, null);
        }
    }

    /** Masks the secret if a body echoes it and shortens the text for messages. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        if (secret != null && !secret.reveal().isEmpty()) {
            out = out.replace(secret.reveal(), "****");
        }
        return out;
    }

    /** Short body excerpt for error messages. */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > MAX_BODY_IN_MESSAGE ? oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "…" : oneLine;
    }

    /** Lenient JSON of an error body; null when the body is not JSON. */
    public static JsonNode tryJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The generic mapping by HTTP status: 401/403 auth, 404 not found, 429 rate limited, 5xx unavailable. */
    public static ErrorKind kindForStatus(int status) {
        if (status == 401 || status == 403) {
            return ErrorKind.AUTHENTICATION_FAILED;
        }
        if (status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status >= 500 || status == 408) {
            return ErrorKind.PROVIDER_UNAVAILABLE;
        }
        return ErrorKind.INVALID_REQUEST;
    }
}
