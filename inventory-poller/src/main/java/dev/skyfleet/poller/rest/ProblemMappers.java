package dev.skyfleet.poller.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps known errors to RFC 9457 problems; anything else is logged and answered without internals. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unknownProvider(PollerExceptions.UnknownProvider e) {
        return Problem.of(Response.Status.NOT_FOUND, "unknown-provider", "Unknown provider", e.getMessage(), "id")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response notPollable(PollerExceptions.NotPollable e) {
        return Problem.of(Response.Status.CONFLICT, "provider-not-pollable", "Provider cannot be polled",
                e.getMessage(), "id").toResponse();
    }

    @ServerExceptionMapper
    public Response notReady(PollerExceptions.NotReady e) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "not-ready", "Poller not ready", e.getMessage(),
                null).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        Response.Status known = Response.Status.fromStatusCode(status.getStatusCode());
        String title = status.getReasonPhrase();
        return new Problem("about:blank", title, status.getStatusCode(),
                known == Response.Status.NOT_FOUND ? "no such resource" : title, null).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error answering a request", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the poller could not answer; see its log", null).toResponse();
    }
}
