package dev.skyfleet.poller.messaging;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import dev.skyfleet.poller.store.PublishedState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Rebuilds the last published state from the compacted catalog topics: reads each topic from the beginning to
 * the end offsets it has at the start, keeping the latest value per key. A restart therefore neither floods
 * consumers with duplicates nor forgets an offer it must still withdraw.
 */
public class StateRestorer {
    private static final Logger LOG = Logger.getLogger(StateRestorer.class);

    private final String bootstrap;
    private final Duration timeout;
    private final ObjectReader offerReader = Json.mapper().readerFor(OfferEvent.class);
    private final ObjectReader typeReader = Json.mapper().readerFor(InstanceTypeEvent.class);
    private final ObjectReader statusReader = Json.mapper().readerFor(ProviderStatus.class);

    public StateRestorer(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /** Counts of what was read. */
    public record Summary(long records, long skipped, int offers, Duration took) {
    }

    public Summary restoreInto(PublishedState state) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, ValueHandler> handlers = Map.of(
                Topics.INSTANCE_TYPES.name(), value -> {
                    InstanceTypeEvent event = typeReader.readValue(value);
                    state.book(event.spec().provider()).apply(event);
                },
                Topics.OFFERS.name(), value -> {
                    OfferEvent event = offerReader.readValue(value);
                    state.book(event.offer().provider()).apply(event);
                },
                Topics.PROVIDER_STATUS.name(), value -> state.status(statusReader.<ProviderStatus>readValue(value)));
        long[] counts = new long[2];
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.restoreConsumer(bootstrap))) {
            read(consumer, handlers, deadline, counts);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Summary summary = new Summary(counts[0], counts[1], state.offerCount(), took);
        LOG.infof("restored published state: %d records read (%d skipped), %d current offers, in %d ms",
                summary.records(), summary.skipped(), summary.offers(), took.toMillis());
        return summary;
    }

    @FunctionalInterface
    private interface ValueHandler {
        void accept(byte[] value) throws IOException;
    }

    /** Reads every partition of the topics at once, each from its beginning to the end offset it has now. */
    private void read(KafkaConsumer<String, byte[]> consumer, Map<String, ValueHandler> handlers, long deadline,
            long[] counts) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : handlers.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
            if (infos != null) {
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
        }
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, remaining(deadline)));
        end.entrySet().removeIf(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
        consumer.pause(partitions.stream().filter(p -> !end.containsKey(p)).toList());
        while (!end.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("restoring " + end.keySet() + " did not finish within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                counts[0]++;
                if (record.value() == null) {
                    continue;
                }
                try {
                    handlers.get(record.topic()).accept(record.value());
                } catch (IOException | RuntimeException e) {
                    counts[1]++;
                    LOG.warnf("skipping unreadable record %s-%d@%d while restoring", record.topic(),
                            record.partition(), record.offset());
                }
            }
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }
}
