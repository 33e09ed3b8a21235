package dev.skyfleet.catalog.messaging;

import dev.skyfleet.catalog.config.KafkaSettings;
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
 * Creates, before the messaging channels start, the dead-letter topics of every topic the catalog consumes, and
 * the consumed topics themselves when they are missing (with the specs their owner uses, so the start order of the
 * services does not matter and nothing is left to broker auto-creation).
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    /** Topics this service reads. */
    public static final List<TopicSpec> CONSUMED = Topics.CATALOG;

    private final String bootstrapServers;
    private final KafkaSettings kafka;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaSettings kafka) {
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
    }

    /** Runs before SmallRye Reactive Messaging starts its channels (it observes at {@code LIBRARY_BEFORE}). */
    void createTopics(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent event) {
        List<String> created = TopicAdmin.ensure(bootstrapServers, Topics.forService(List.of(), CONSUMED),
                kafka.replicationFactor());
        LOG.infof("Kafka topics ready (%d created: %s)", created.size(), created);
    }
}
