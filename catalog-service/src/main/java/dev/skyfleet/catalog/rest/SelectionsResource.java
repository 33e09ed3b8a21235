package dev.skyfleet.catalog.rest;

import dev.skyfleet.catalog.SelectionRequest;
import dev.skyfleet.catalog.Views.SelectionResult;
import dev.skyfleet.catalog.service.SelectionService;
import dev.skyfleet.model.StrictJsonReader;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cheapest-offer selection. */
@Path("/api/v1/selections")
@Tag(name = "selections")
public class SelectionsResource {
    private final SelectionService selection;

    public SelectionsResource(SelectionService selection) {
        this.selection = selection;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJsonReader.class)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rank offers for a set of constraints", description = "Candidates have capacity now and "
            + "meet every constraint, cheapest first, offers of stale providers after fresh ones (flagged). When "
            + "nothing fits, alternatives say which constraint they relax.")
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SelectionResult> select(@Valid @NotNull SelectionRequest request) {
        return selection.select(request);
    }
}
