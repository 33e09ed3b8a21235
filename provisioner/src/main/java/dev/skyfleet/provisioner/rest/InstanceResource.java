package dev.skyfleet.provisioner.rest;

import dev.skyfleet.model.CommandType;
import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.StrictJsonReader;
import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.mapping.InstanceMapper;
import dev.skyfleet.provisioner.messaging.LifecycleStream;
import dev.skyfleet.provisioner.service.ApiException;
import dev.skyfleet.provisioner.service.InstanceService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Instances of the caller's tenant. */
@Path("/api/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "instances")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "missing or invalid bearer token (problem+json)")
public class InstanceResource {
    private final InstanceService service;
    private final CurrentCaller caller;
    private final LifecycleStream stream;

    public InstanceResource(InstanceService service, CurrentCaller caller, LifecycleStream stream) {
        this.service = service;
        this.caller = caller;
        this.stream = stream;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJsonReader.class)
    @Authorized(Role.OPERATOR)
    @Operation(summary = "Request an instance", description = "Accepted instances start in state requested; a worker"
            + " places them on the cheapest offer with capacity. The same Idempotency-Key with the same body"
            + " returns the same instance; with a different body, 409.")
    @APIResponse(responseCode = "202", description = "accepted")
    @APIResponse(responseCode = "400", description = "invalid request (problem+json naming the field)")
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused with another body")
    public Uni<RestResponse<InstanceView>> create(
            @Parameter(description = "unique per intended instance; retries reuse it", required = true)
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull CreateInstanceBody body) {
        return service.create(caller.get(), idempotencyKey, body)
                .map(accepted -> RestResponse.ResponseBuilder.<InstanceView>accepted()
                        .entity(InstanceMapper.view(accepted.instance(), null))
                        .location(URI.create("/api/v1/instances/" + accepted.instance().id()))
                        .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                        .build());
    }

    @GET
    @Operation(summary = "List the caller's instances, newest first")
    public Uni<List<InstanceView>> list(@QueryParam("state") String state,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        InstanceState wanted = null;
        if (state != null) {
            wanted = InstanceState.fromWire(state);
            if (wanted == InstanceState.UNKNOWN && !"unknown".equalsIgnoreCase(state)) {
                throw ApiException.badParameter("state", "state must be one of requested, pending, running,"
                        + " stopping, stopped, terminating, terminated, failed, unknown");
            }
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badParameter("limit", "limit must be between 1 and 1000");
        }
        return service.list(caller.get(), wanted, limit)
                .map(rows -> rows.stream().map(row -> InstanceMapper.view(row, null)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One instance with every lifecycle event")
    @APIResponse(responseCode = "404", description = "no such instance for this tenant")
    public Uni<InstanceView> get(@PathParam("id") String id) {
        return service.get(caller.get(), id)
                .flatMap(row -> service.events(caller.get(), id).map(events -> InstanceMapper.view(row, events)));
    }

    @DELETE
    @Path("/{id}")
    @Authorized(Role.OPERATOR)
    @Operation(summary = "Terminate an instance (idempotent)")
    @APIResponse(responseCode = "202", description = "terminate accepted (or already under way)")
    @APIResponse(responseCode = "404", description = "no such instance for this tenant")
    public Uni<RestResponse<InstanceView>> terminate(@PathParam("id") String id) {
        return service.terminate(caller.get(), id).map(row -> RestResponse.accepted(InstanceMapper.view(row, null)));
    }

    @POST
    @Path("/{id}/reboot")
    @Authorized(Role.OPERATOR)
    @Operation(summary = "Reboot a running instance")
    @APIResponse(responseCode = "202", description = "accepted")
    @APIResponse(responseCode = "409", description = "provider, instance type or state does not allow it; the"
            + " problem names the missing capability")
    public Uni<RestResponse<InstanceView>> reboot(@PathParam("id") String id) {
        return act(id, CommandType.REBOOT);
    }

    @POST
    @Path("/{id}/stop")
    @Authorized(Role.OPERATOR)
    @Operation(summary = "Stop a running instance")
    @APIResponse(responseCode = "202", description = "accepted")
    @APIResponse(responseCode = "409", description = "not allowed; the problem names the missing capability")
    public Uni<RestResponse<InstanceView>> stop(@PathParam("id") String id) {
        return act(id, CommandType.STOP);
    }

    @POST
    @Path("/{id}/start")
    @Authorized(Role.OPERATOR)
    @Operation(summary = "Start a stopped instance")
    @APIResponse(responseCode = "202", description = "accepted")
    @APIResponse(responseCode = "409", description = "not allowed; the problem names the missing capability")
    public Uni<RestResponse<InstanceView>> start(@PathParam("id") String id) {
        return act(id, CommandType.START);
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: lifecycle events of the caller's instances as they happen")
    public Multi<InstanceEvent> events() {
        return stream.forTenant(caller.get().tenant());
    }

    private Uni<RestResponse<InstanceView>> act(String id, CommandType action) {
        return service.act(caller.get(), id, action).map(row -> RestResponse.accepted(InstanceMapper.view(row, null)));
    }
}
