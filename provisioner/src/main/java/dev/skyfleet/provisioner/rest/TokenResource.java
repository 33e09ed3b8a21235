package dev.skyfleet.provisioner.rest;

import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.repository.TokenRepository.StoredToken;
import dev.skyfleet.provisioner.service.ApiException;
import dev.skyfleet.provisioner.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Token management (admin role). Tokens are shown once, at creation. */
@Path("/api/v1/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Authorized(Role.ADMIN)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class TokenResource {
    private final TokenService tokens;

    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * Body of a token creation.
     *
     * @param tenant the tenant the token belongs to
     * @param role viewer, operator or admin
     * @param description free text, e.g. who uses it
     */
    public record NewToken(@NotBlank String tenant, @NotNull Role role, @Size(max = 200) String description) {
    }

    /**
     * A token as listed (never the secret).
     *
     * @param id token id
     * @param tenant tenant
     * @param role role
     * @param description description
     * @param createdAt creation time
     * @param revokedAt revocation time, or null
     */
    public record TokenView(String id, String tenant, Role role, String description, Instant createdAt,
            Instant revokedAt) {
        static TokenView of(StoredToken t) {
            return new TokenView(t.id(), t.tenant(), t.role(), t.description(), t.createdAt(), t.revokedAt());
        }
    }

    /**
     * A token just created.
     *
     * @param token the bearer token: shown only now, store it safely
     * @param id token id
     * @param tenant tenant
     * @param role role
     */
    public record CreatedToken(String token, String id, String tenant, Role role) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a token for a tenant and role; the response is the only time the token is shown")
    public Uni<RestResponse<CreatedToken>> create(@Valid @NotNull NewToken body) {
        return tokens.create(body.tenant(), body.role(), body.description())
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, new CreatedToken(created.token(),
                        created.stored().id(), created.stored().tenant(), created.stored().role())));
    }

    @GET
    @Operation(summary = "List tokens (optionally of one tenant)")
    public Uni<List<TokenView>> list(@QueryParam("tenant") String tenant) {
        return tokens.list(tenant).map(list -> list.stream().map(TokenView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a token")
    public Uni<RestResponse<Void>> revoke(@PathParam("id") String id) {
        return tokens.revoke(id).map(found -> {
            if (!found) {
                throw ApiException.notFound("token " + id);
            }
            return RestResponse.noContent();
        });
    }
}
