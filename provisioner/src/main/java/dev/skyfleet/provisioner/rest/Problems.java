package dev.skyfleet.provisioner.rest;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem responses ({@code application/problem+json}). */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://skyfleet.dev/problems/";

    private Problems() {
    }

    public static Response response(int status, String type, String title, String detail,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (extensions != null) {
            body.putAll(extensions);
        }
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA_TYPE).entity(body);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"skyfleet\"");
        }
        return builder.build();
    }
}
