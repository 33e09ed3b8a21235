package dev.skyfleet.provisioner.rest;

import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API endpoint requires {@code Authorization: Bearer <token>}; the token's role must include the role the
 * endpoint is {@link Authorized} for (viewer when it does not say).
 */
public class BearerAuthFilter {
    private final TokenService tokens;
    private final CurrentCaller current;

    public BearerAuthFilter(TokenService tokens, CurrentCaller current) {
        this.tokens = tokens;
        this.current = current;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(Problems.response(401, "unauthenticated", "Unauthorized",
                    "a bearer token is required (Authorization: Bearer <token>)", null));
        }
        Role required = required(resource);
        return tokens.authenticate(header.substring(7).trim()).map(caller -> {
            if (caller == null) {
                return Problems.response(401, "unauthenticated", "Unauthorized", "the bearer token is not valid",
                        null);
            }
            current.set(caller);
            if (!caller.role().includes(required)) {
                return Problems.response(403, "forbidden", "Forbidden", "this needs the " + required.wire()
                        + " role; the token has " + caller.role().wire(), Map.of("role", required.wire()));
            }
            return null;
        });
    }

    private static Role required(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(Authorized.class)) {
            return method.getAnnotation(Authorized.class).value();
        }
        Class<?> type = resource.getResourceClass();
        if (type != null && type.isAnnotationPresent(Authorized.class)) {
            return type.getAnnotation(Authorized.class).value();
        }
        return Role.VIEWER;
    }
}
