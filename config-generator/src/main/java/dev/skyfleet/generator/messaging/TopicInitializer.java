package dev.skyfleet.generator.messaging;

import dev.skyfleet.generator.config.KafkaSettings;
import dev.skyfleet.messaging.TopicAdmin;
import dev.skyfleet.messaging.TopicSpec;
import dev.skyfleet.messaging.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the topics this service owns (snapshots) and the dead-letter topics of the topics it consumes, before
 * the messaging channels start (SmallRye starts them at {@code LIBRARY_BEFORE}), then records the catalog
 * topics' end offsets for the catch-up check. The consumed catalog topics are ensured too, from the same specs,
 * so the generator can start before the poller without relying on auto-creation.
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    /** Topics this service reads. */
    public static final List<TopicSpec> CONSUMED = Topics.CATALOG;

    private final String bootstrapServers;
    private final KafkaSettings kafka;
    private final CatchUpTracker tracker;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaSettings kafka, CatchUpTracker tracker) {
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
        this.tracker = tracker;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent event) {
        List<String> created = TopicAdmin.ensure(bootstrapServers,
                Topics.forService(List.of(Topics.SNAPSHOTS), CONSUMED), kafka.replicationFactor());
        if (!created.isEmpty()) {
            LOG.infof("Created topics %s", created);
        }
        tracker.init(bootstrapServers, CONSUMED.stream().map(TopicSpec::name).toList());
    }
}
