package dev.skyfleet.catalog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.catalog.config.CatalogConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenFilterTests {
    private static CatalogConfig config(String token) {
        CatalogConfig.Auth auth = () -> Optional.ofNullable(token);
        return (CatalogConfig) Proxy.newProxyInstance(CatalogConfig.class.getClassLoader(),
                new Class<?>[] {CatalogConfig.class}, (proxy, method, args) -> method.getName().equals("auth") ? auth
                        : null);
    }

    private static ContainerRequestContext request(String path, String authorization) {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getPath") ? path : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> authorization;
                    default -> null;
                });
    }

    @Test
    void anOpenApiLetsEveryRequestThrough() {
        assertThat(new BearerTokenFilter(config(null)).authenticate(request("/api/v1/offers", null))).isNull();
    }

    @Test
    void aConfiguredTokenIsRequiredOnTheApiOnly() {
        BearerTokenFilter filter = new BearerTokenFilter(config("s3cret-token"));
        assertThat(filter.authenticate(request("/api/v1/offers", "Bearer s3cret-token"))).isNull();
        assertThat(filter.authenticate(request("/api/v1/offers", "bearer s3cret-token"))).isNull();
        assertThat(filter.authenticate(request("/q/health", null))).isNull();

        Response missing = filter.authenticate(request("/api/v1/offers", null));
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(missing.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        Response wrong = filter.authenticate(request("/api/v1/gpus", "Bearer s3cret-tokem"));
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(((Problem) wrong.getEntity()).detail()).doesNotContain("s3cret");
    }
}
