package dev.skyfleet.provisioner.service;

import java.util.Map;

/**
 * A refusal the API answers as {@code application/problem+json}. The detail is written for the caller and never
 * contains keys, user data or tokens.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    public ApiException(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not Found", what + " does not exist", null);
    }

    public static ApiException badField(String field, String detail) {
        return new ApiException(400, "invalid-request", "Invalid request", detail,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", detail))));
    }

    public static ApiException badParameter(String parameter, String detail) {
        return new ApiException(400, "invalid-request", "Invalid request", detail, Map.of("parameter", parameter));
    }

    public static ApiException conflict(String type, String detail, Map<String, Object> extensions) {
        return new ApiException(409, type, "Conflict", detail, extensions);
    }

    public int status() {
        return status;
    }

    /** Short slug; the problem type URI is {@code https://skyfleet.dev/problems/<slug>}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
