package dev.skyfleet.provisioner.messaging;

import dev.skyfleet.messaging.TopicAdmin;
import dev.skyfleet.messaging.TopicSpec;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.provisioner.config.KafkaSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the topics the provisioner owns (commands, instances) and the dead-letter topics of everything it
 * consumes, before the messaging channels start (their observer runs at {@code LIBRARY_BEFORE}).
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    /** Topics created at start, see {@link Topics#forService}. */
    public static final List<TopicSpec> OWNED = Topics.forService(
            List.of(Topics.PROVISIONING_COMMANDS, Topics.INSTANCES),
            List.of(Topics.PROVISIONING_COMMANDS, Topics.INSTANCES, Topics.OFFERS));

    private final String bootstrapServers;
    private final KafkaSettings kafka;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaSettings kafka) {
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 10) StartupEvent event) {
        List<String> created = TopicAdmin.ensure(bootstrapServers, OWNED, kafka.replicationFactor());
        LOG.infof("Kafka topics ready (created now: %s)", created.isEmpty() ? "none" : created);
    }
}
