package dev.skyfleet.poller.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}.
 *
 * @param type URI reference naming the problem type
 * @param title short summary of the type
 * @param status HTTP status
 * @param detail what went wrong this time
 * @param parameter the request parameter at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://skyfleet.dev/problems/";

    public static Problem of(Response.Status status, String slug, String title, String detail, String parameter) {
        return new Problem(TYPE_BASE + slug, title, status.getStatusCode(), detail, parameter);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
