package dev.skyfleet.poller.rest;

import dev.skyfleet.poller.config.PollerConfig;
import dev.skyfleet.poller.mapping.ProviderViewMapper;
import dev.skyfleet.poller.service.PollResult;
import dev.skyfleet.poller.service.PollScheduler;
import dev.skyfleet.poller.service.PollerLifecycle;
import dev.skyfleet.poller.service.ProviderEntry;
import dev.skyfleet.poller.service.ProviderRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Provider feeds: their status, and polling one now. */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {
    private final ProviderRegistry registry;
    private final ProviderViewMapper mapper;
    private final PollScheduler scheduler;
    private final PollerLifecycle lifecycle;
    private final PollerConfig config;

    public ProvidersResource(ProviderRegistry registry, ProviderViewMapper mapper, PollScheduler scheduler,
            PollerLifecycle lifecycle, PollerConfig config) {
        this.registry = registry;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every provider: status, last success, offer counts, next poll")
    public List<ProviderView> list() {
        return registry.all().stream().map(mapper::toView).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One provider")
    @APIResponse(responseCode = "404", description = "Unknown provider")
    public ProviderView get(@PathParam("id") String id) {
        return mapper.toView(entry(id));
    }

    @POST
    @Path("/{id}/poll")
    @Blocking
    @Operation(summary = "Poll a provider now; answers with the poll's result, or 202 if it takes longer")
    @APIResponse(responseCode = "200", description = "The poll ended (ok or failed)")
    @APIResponse(responseCode = "202", description = "The poll is still running")
    @APIResponse(responseCode = "404", description = "Unknown provider")
    @APIResponse(responseCode = "409", description = "The provider is disabled or has no credentials")
    @APIResponse(responseCode = "503", description = "The poller is still restoring its state")
    public Response poll(@PathParam("id") String id) throws InterruptedException {
        ProviderEntry entry = entry(id);
        if (!lifecycle.ready()) {
            throw new PollerExceptions.NotReady(lifecycle.problem());
        }
        if (!entry.schedule().enabled()) {
            throw new PollerExceptions.NotPollable("provider '" + id + "' is disabled by configuration");
        }
        if (!entry.usable()) {
            throw new PollerExceptions.NotPollable("provider '" + id + "' cannot be polled: "
                    + entry.unavailableReason());
        }
        CompletableFuture<PollResult> poll = scheduler.pollNow(entry);
        try {
            return Response.ok(poll.get(config.manualPollWait().toMillis(), TimeUnit.MILLISECONDS)).build();
        } catch (TimeoutException e) {
            return Response.accepted(mapper.toView(entry)).build();
        } catch (ExecutionException e) {
            throw new IllegalStateException("poll failed unexpectedly", e.getCause());
        }
    }

    private ProviderEntry entry(String id) {
        return registry.find(id).orElseThrow(() -> new PollerExceptions.UnknownProvider(id));
    }
}
