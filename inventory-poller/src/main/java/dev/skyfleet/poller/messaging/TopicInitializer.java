package dev.skyfleet.poller.messaging;

import dev.skyfleet.messaging.TopicAdmin;
import dev.skyfleet.messaging.TopicSpec;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.poller.config.KafkaSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the topics the poller owns ({@link Topics#CATALOG}) from their specs at startup, before messaging
 * channels start (SmallRye starts them at {@code LIBRARY_BEFORE}) and before the state restore reads them.
 * The poller consumes no topic through a channel, so it has no dead-letter topic of its own.
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final String bootstrap;
    private final KafkaSettings kafka;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, KafkaSettings kafka) {
        this.bootstrap = bootstrap;
        this.kafka = kafka;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        ensure();
    }

    /** The topics this service creates. */
    public static List<TopicSpec> owned() {
        return Topics.CATALOG;
    }

    public List<String> ensure() {
        List<String> created = TopicAdmin.ensure(bootstrap, owned(), kafka.replicationFactor());
        LOG.infof("catalog topics ready (created %s)", created.isEmpty() ? "none" : String.join(", ", created));
        return created;
    }
}
