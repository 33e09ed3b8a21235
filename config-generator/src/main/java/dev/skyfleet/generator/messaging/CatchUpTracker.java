package dev.skyfleet.generator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows when the in-memory catalog has caught up: the end offsets of the catalog topics are taken at start
 * (before the consumers run), and every processed record moves its partition forward. Caught up once every
 * partition has reached its start-time end offset; live records after that keep the view current.
 */
@ApplicationScoped
public class CatchUpTracker {
    private final Map<TopicPartition, Long> targets = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean initialised;
    private volatile boolean caughtUp;

    /** Reads the end offsets of the topics; partitions that are empty (or fully compacted away) need nothing. */
    public void init(String bootstrapServers, List<String> topics) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                latest.put(tp, OffsetSpec.latest());
                earliest.put(tp, OffsetSpec.earliest());
            }));
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            ends.forEach((tp, info) -> {
                if (info.offset() > starts.get(tp).offset()) {
                    targets.put(tp, info.offset());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets of the catalog topics: " + e.getMessage(), e);
        }
        initialised = true;
        check();
    }

    /** A record at {@code offset} has been applied. */
    public void processed(String topic, int partition, long offset) {
        if (caughtUp) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        Long target = targets.get(tp);
        if (target != null && offset + 1 >= target) {
            targets.remove(tp);
            check();
        }
    }

    /** Runs {@code listener} once when caught up (immediately if already). */
    public void onCaughtUp(Runnable listener) {
        listeners.add(listener);
        if (caughtUp) {
            listener.run();
        }
    }

    private synchronized void check() {
        if (!caughtUp && initialised && targets.isEmpty()) {
            caughtUp = true;
            listeners.forEach(Runnable::run);
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records still to read per partition, as far as known (for readiness data). */
    public int partitionsBehind() {
        return targets.size();
    }
}
