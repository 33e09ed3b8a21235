package dev.skyfleet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts one real Kafka broker for a module's whole test run (use with {@code scope = GLOBAL}) and points
 * {@code kafka.bootstrap.servers} at it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static LocalKafka kafka;

    /** The broker of this test run, started on first use. */
    public static synchronized LocalKafka kafka() {
        if (kafka == null) {
            kafka = LocalKafka.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "local-kafka-stop"));
        }
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of the run; stopped by the shutdown hook
    }
}
