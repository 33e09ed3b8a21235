package dev.skyfleet.provisioner.messaging;

import dev.skyfleet.messaging.CloudEventHeaders;
import dev.skyfleet.provisioner.repository.OutboxRepository;
import dev.skyfleet.provisioner.service.OutboxSignal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the transactional outbox: locks a batch of records (skipping those another relay holds), sends them
 * with an idempotent producer (acks=all, CloudEvents headers in binary mode), and deletes them once the broker
 * acknowledged every one. At-least-once: consumers de-duplicate on command id or event sequence.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/skyfleet/provisioner";
    private static final int BATCH = 500;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final OutboxSignal signal;
    private final String bootstrapServers;
    private volatile boolean running;
    private KafkaProducer<String, String> producer;
    private Thread thread;

    public OutboxRelay(Pool pool, OutboxRepository outbox, OutboxSignal signal,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pool = pool;
        this.outbox = outbox;
        this.signal = signal;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "provisioner-outbox-relay"),
                new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        signal.wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                signal.await(backoff > 0 ? backoff : 250);
                while (running && drainOnce() == BATCH) {
                    // a full batch: there may be more
                }
                backoff = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = Math.min(backoff == 0 ? 500 : backoff * 2, 10_000);
                LOG.warnf("outbox relay round failed (%s: %s); retrying in %d ms", e.getClass().getSimpleName(),
                        e.getMessage(), backoff);
            }
        }
    }

    /** Publishes one batch; returns how many records it published. */
    public int drainOnce() {
        return pool.withTransaction(client -> outbox.lockBatch(client, BATCH).flatMap(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> sends = new ArrayList<>(entries.size());
            for (OutboxRepository.Entry entry : entries) {
                sends.add(send(entry));
            }
            List<Long> ids = entries.stream().map(OutboxRepository.Entry::id).toList();
            return Uni.join().all(sends).andFailFast()
                    .flatMap(done -> outbox.delete(client, ids))
                    .replaceWith(entries.size());
        })).await().atMost(Duration.ofSeconds(60));
    }

    private Uni<Void> send(OutboxRepository.Entry entry) {
        ProducerRecord<String, String> record = new ProducerRecord<>(entry.topic(), null, entry.key(),
                entry.payload(), CloudEventHeaders.of(entry.type(), SOURCE, entry.key(), entry.createdAt()));
        return Uni.createFrom().emitter(emitter -> producer.send(record, (metadata, error) -> {
            if (error != null) {
                emitter.fail(error);
            } else {
                emitter.complete(null);
            }
        }));
    }
}
