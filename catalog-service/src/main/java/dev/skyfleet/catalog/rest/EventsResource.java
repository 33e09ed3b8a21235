package dev.skyfleet.catalog.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.catalog.service.ChangeFeed;
import dev.skyfleet.catalog.service.FilterParser;
import dev.skyfleet.catalog.service.InvalidParameterException;
import dev.skyfleet.catalog.service.OfferFilter;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/** Server-Sent Events of catalog changes. */
@Path("/api/v1/events")
@Tag(name = "events")
public class EventsResource {
    private final ChangeFeed feed;
    private final ObjectMapper json;

    public EventsResource(ChangeFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live changes of offers", description = "One SSE event (name offer-change, id = change id, "
            + "data = OfferChange JSON) per change that passes the filters. Reconnect with Last-Event-ID (header, "
            + "or lastEventId query parameter) to resume exactly after the last event received.")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void events(@BeanParam FilterParams filter,
            @RestQuery @Parameter(description = "added, removed, price, availability, updated; repeatable")
            List<String> kind,
            @RestHeader("Last-Event-ID") String lastEventIdHeader,
            @RestQuery @Parameter(description = "same as the Last-Event-ID header") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        OfferFilter offers = FilterParser.parse(filter.raw());
        List<String> kinds = FilterParser.kinds("kind", kind);
        Long resumeAfter = null;
        if (lastEventIdHeader != null && !lastEventIdHeader.isBlank()) {
            resumeAfter = parseId("Last-Event-ID", lastEventIdHeader);
        } else if (lastEventId != null && !lastEventId.isBlank()) {
            resumeAfter = parseId("lastEventId", lastEventId);
        }
        if (resumeAfter != null) {
            new SseSubscriber(feed, offers, kinds, resumeAfter, sink, sse, json).start();
        } else {
            feed.head().subscribe().with(head -> new SseSubscriber(feed, offers, kinds, head, sink, sse, json).start(),
                    failure -> sink.close());
        }
    }

    private static long parseId(String parameter, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new InvalidParameterException(parameter, parameter + " must be a change id (a whole number >= 0)");
    }
}
