package dev.skyfleet.generator.messaging;

import dev.skyfleet.model.Json;
import dev.skyfleet.model.SnapshotEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/** Publishes snapshot events on {@code skyfleet.snapshots.v1}, keyed by snapshot name, with CloudEvents headers. */
@ApplicationScoped
public class SnapshotPublisher {
    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);
    private final Emitter<Record<String, String>> emitter;

    public SnapshotPublisher(@Channel("snapshots-out") Emitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> publish(SnapshotEvent event) {
        return emitter.send(Record.of(event.name(), Json.write(event))).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warnf("Snapshot event for revision %d not published: %s", event.revision(), failure.getMessage());
            }
        });
    }
}
