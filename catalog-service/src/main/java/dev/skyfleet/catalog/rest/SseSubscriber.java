package dev.skyfleet.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.catalog.ChangeEvent;
import dev.skyfleet.catalog.service.ChangeFeed;
import dev.skyfleet.catalog.service.OfferFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One SSE connection: sends every change after its cursor that passes its filter, in id order, one page at a
 * time; the cursor advances past filtered-out changes too, so a reconnect with the last id neither misses nor
 * repeats anything.
 */
final class SseSubscriber implements ChangeFeed.Subscriber {
    private static final Logger LOG = Logger.getLogger(SseSubscriber.class);

    private final ChangeFeed feed;
    private final OfferFilter filter;
    private final List<String> kinds;
    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper json;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean pending;
    private volatile boolean closed;
    private long cursor;

    SseSubscriber(ChangeFeed feed, OfferFilter filter, List<String> kinds, long cursor, SseEventSink sink, Sse sse,
            ObjectMapper json) {
        this.feed = feed;
        this.filter = filter;
        this.kinds = kinds;
        this.cursor = cursor;
        this.sink = sink;
        this.sse = sse;
        this.json = json;
    }

    void start() {
        send(sse.newEventBuilder().comment("connected; resuming after " + cursor).build())
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        close();
                    } else {
                        feed.subscribe(this);
                        wake();
                    }
                });
    }

    @Override
    public void wake() {
        pending = true;
        if (!closed && draining.compareAndSet(false, true)) {
            step();
        }
    }

    @Override
    public void heartbeat() {
        if (sink.isClosed()) {
            close();
        } else if (!draining.get()) {
            send(sse.newEventBuilder().comment("keep-alive").build()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        }
    }

    private void step() {
        pending = false;
        if (sink.isClosed()) {
            close();
            return;
        }
        feed.after(cursor, ChangeFeed.PAGE_SIZE).subscribe().with(events -> {
            if (events.isEmpty()) {
                draining.set(false);
                if (pending) {
                    wake();
                }
                return;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (ChangeEvent event : events) {
                if (wanted(event)) {
                    sends.add(send(toSse(event)));
                }
            }
            cursor = events.get(events.size() - 1).id();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    close();
                } else {
                    step();
                }
            });
        }, failure -> {
            LOG.debugf("change feed read failed: %s", failure.getMessage());
            draining.set(false);
        });
    }

    private boolean wanted(ChangeEvent event) {
        if (!kinds.isEmpty() && event.kinds().stream().noneMatch(kinds::contains)) {
            return false;
        }
        return filter.matches(event.offer());
    }

    private OutboundSseEvent toSse(ChangeEvent event) {
        String data;
        try {
            data = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return sse.newEventBuilder().id(Long.toString(event.id())).name("offer-change")
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build();
    }

    private CompletableFuture<?> send(OutboundSseEvent event) {
        try {
            return sink.send(event).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void close() {
        if (!closed) {
            closed = true;
            feed.unsubscribe(this);
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing SSE sink: %s", e.getMessage());
            }
        }
    }
}
