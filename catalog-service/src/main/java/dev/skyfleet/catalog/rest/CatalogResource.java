package dev.skyfleet.catalog.rest;

import dev.skyfleet.catalog.Views.GpuSummary;
import dev.skyfleet.catalog.Views.InstanceTypePage;
import dev.skyfleet.catalog.Views.ProviderView;
import dev.skyfleet.catalog.Views.RegionView;
import dev.skyfleet.catalog.config.CatalogConfig;
import dev.skyfleet.catalog.service.CatalogService;
import dev.skyfleet.catalog.service.FilterParser;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Instance types, regions, the GPU overview and provider feeds. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
@APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CatalogResource {
    private final CatalogService catalog;
    private final CatalogConfig config;

    public CatalogResource(CatalogService catalog, CatalogConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    @GET
    @Path("/instance-types")
    @Operation(summary = "Instance types still listed by their provider, by provider and name")
    public Uni<InstanceTypePage> instanceTypes(@RestQuery @Parameter(description = "provider id") String provider,
            @RestQuery @Parameter(description = "GPU model, any spelling") String gpu,
            @RestQuery @Parameter(description = "nextCursor of the previous page") String cursor,
            @RestQuery @Parameter(description = "page size, 1 to the configured maximum") String limit) {
        List<String> providers = FilterParser.names("provider", provider == null ? List.of() : List.of(provider));
        if (providers.size() > 1) {
            throw new dev.skyfleet.catalog.service.InvalidParameterException("provider", "one provider at a time");
        }
        int size = FilterParser.limit("limit", limit, config.search().defaultLimit(), config.search().maxLimit());
        return catalog.instanceTypes(providers.isEmpty() ? null : providers.get(0), FilterParser.gpu("gpu", gpu),
                cursor == null || cursor.isBlank() ? null : cursor.trim(), size);
    }

    @GET
    @Path("/regions")
    @Operation(summary = "Regions with offers, per provider and cloud, with offer counts")
    public Uni<List<RegionView>> regions(@RestQuery @Parameter(description = "provider id; repeatable")
    List<String> provider) {
        return catalog.regions(FilterParser.names("provider", provider));
    }

    @GET
    @Path("/gpus")
    @Operation(summary = "One row per GPU model: cheapest on-demand and spot price per cloud, regions with "
            + "capacity now")
    public Uni<List<GpuSummary>> gpus() {
        return catalog.gpus();
    }

    @GET
    @Path("/providers")
    @Operation(summary = "Provider feeds: status, last successful sync, staleness, offer counts, capabilities")
    public Uni<List<ProviderView>> providers() {
        return catalog.providers();
    }
}
