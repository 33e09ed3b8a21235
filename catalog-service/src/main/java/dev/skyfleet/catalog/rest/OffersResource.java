package dev.skyfleet.catalog.rest;

import dev.skyfleet.catalog.OfferView;
import dev.skyfleet.catalog.Views.OfferHistory;
import dev.skyfleet.catalog.Views.OfferPage;
import dev.skyfleet.catalog.config.CatalogConfig;
import dev.skyfleet.catalog.service.CatalogService;
import dev.skyfleet.catalog.service.FilterParser;
import dev.skyfleet.catalog.service.InvalidParameterException;
import dev.skyfleet.catalog.service.OfferSort;
import dev.skyfleet.catalog.service.PageCursor;
import dev.skyfleet.model.OfferId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Offer search, single offers and their history. */
@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "offers")
@APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OffersResource {
    private static final int MAX_HISTORY = 1000;

    private final CatalogService catalog;
    private final CatalogConfig config;

    public OffersResource(CatalogService catalog, CatalogConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    @GET
    @Operation(summary = "Search offers", description = "Offers still listed by their provider that match every "
            + "filter, in the requested order, one page at a time (pass nextCursor as cursor).")
    public Uni<OfferPage> search(@BeanParam FilterParams filter,
            @RestQuery @Parameter(description = "price (default), pricePerGpu or gpuMemory") String sort,
            @RestQuery @Parameter(description = "nextCursor of the previous page") String cursor,
            @RestQuery @Parameter(description = "page size, 1 to the configured maximum (500)") String limit) {
        OfferSort order = sort == null || sort.isBlank() ? OfferSort.PRICE : OfferSort.fromWire(sort.trim());
        if (order == null) {
            throw new InvalidParameterException("sort", "sort must be price, pricePerGpu or gpuMemory");
        }
        int size = FilterParser.limit("limit", limit, config.search().defaultLimit(), config.search().maxLimit());
        PageCursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = PageCursor.decode(cursor.trim(), order.wire(), order.keyCount());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("cursor", e.getMessage());
            }
        }
        return catalog.search(FilterParser.parse(filter.raw()), order, after, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One offer", description = "Also answers for offers the provider no longer lists "
            + "(removed: true).")
    @APIResponse(responseCode = "404", description = "Unknown offer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OfferView> offer(@RestPath String id) {
        String offerId = checkedId(id);
        return catalog.offer(offerId).onItem().ifNull().failWith(() -> new OfferNotFoundException(offerId));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Price and availability history of an offer, newest first")
    @APIResponse(responseCode = "404", description = "Unknown offer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OfferHistory> history(@RestPath String id,
            @RestQuery @Parameter(description = "most entries, 1 to 1000 (default 100)") String limit) {
        String offerId = checkedId(id);
        int size = FilterParser.limit("limit", limit, 100, MAX_HISTORY);
        return catalog.history(offerId, size).onItem().ifNull().failWith(() -> new OfferNotFoundException(offerId));
    }

    private static String checkedId(String id) {
        try {
            return OfferId.parse(id).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("id", "id must be provider:region:zone:type:usage-class");
        }
    }
}
