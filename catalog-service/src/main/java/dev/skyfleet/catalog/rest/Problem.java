package dev.skyfleet.catalog.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param type URI naming the kind of problem
 * @param title short summary of the kind
 * @param status HTTP status
 * @param detail what went wrong with this request
 * @param parameter the query parameter, header or path segment at fault
 * @param errors the body fields at fault
 */
@Schema(name = "Problem")
public record Problem(String type, String title, int status, String detail, String parameter,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String BASE = "https://skyfleet.dev/problems/";

    /** One body field at fault. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null);
    }
}
