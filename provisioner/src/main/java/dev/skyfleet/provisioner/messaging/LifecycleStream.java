package dev.skyfleet.provisioner.messaging;

import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.model.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Fans {@code skyfleet.instances.v1} out to Server-Sent Events subscribers. Each provisioner process reads the
 * topic in its own consumer group from the newest records, so a subscriber sees events of every worker.
 */
@ApplicationScoped
public class LifecycleStream {
    private final BroadcastProcessor<InstanceEvent> processor = BroadcastProcessor.create();

    @Incoming("lifecycle")
    public void consume(String payload) {
        if (payload == null) {
            return;
        }
        processor.onNext(Json.read(payload, InstanceEvent.class));
    }

    /** Live lifecycle events of one tenant. */
    public Multi<InstanceEvent> forTenant(String tenant) {
        return processor.filter(event -> tenant.equals(event.tenant()));
    }
}
