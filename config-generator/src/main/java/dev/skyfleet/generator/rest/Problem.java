package dev.skyfleet.generator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem details.
 *
 * @param type URI reference naming the problem type
 * @param title short summary of the type
 * @param status HTTP status
 * @param detail what happened in this case
 * @param parameter the request parameter at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String slug, String title, String detail, String parameter) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("https://skyfleet.dev/problems/" + slug, title, status, detail, parameter))
                .build();
    }
}
