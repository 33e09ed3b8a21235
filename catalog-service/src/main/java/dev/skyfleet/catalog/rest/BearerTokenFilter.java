package dev.skyfleet.catalog.rest;

import dev.skyfleet.catalog.config.CatalogConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * When {@code skyfleet.catalog.auth.token} is set, every {@code /api/} request needs
 * {@code Authorization: Bearer <token>}; the comparison takes the same time whatever the input.
 */
public class BearerTokenFilter {
    private final Optional<byte[]> expected;

    public BearerTokenFilter(CatalogConfig config) {
        this.expected = config.auth().token().filter(t -> !t.isBlank()).map(BearerTokenFilter::digest);
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        if (expected.isEmpty() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : "";
        if (MessageDigest.isEqual(expected.get(), digest(presented))) {
            return null;
        }
        Problem problem = Problem.of("unauthorized", "Unauthorized", 401,
                header == null ? "this API needs a bearer token" : "the bearer token is not valid");
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
