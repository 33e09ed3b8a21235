package dev.skyfleet.poller.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes catalog changes to the compacted catalog topics with CloudEvents headers (binary mode). A batch of
 * changes is sent asynchronously and flushed once; the caller learns which records the broker acknowledged, so
 * the published state only ever holds what consumers can read.
 */
public class CatalogPublisher implements AutoCloseable {
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final ObjectWriter offerWriter;
    private final ObjectWriter typeWriter;
    private final ObjectWriter statusWriter;

    public CatalogPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
        var mapper = CatalogJson.mapper();
        this.offerWriter = mapper.writerFor(OfferEvent.class);
        this.typeWriter = mapper.writerFor(InstanceTypeEvent.class);
        this.statusWriter = mapper.writerFor(ProviderStatus.class);
    }

    /** What happened to a batch: how many records were sent and acknowledged, and the first failure. */
    public record Report(int sent, int acknowledged, Exception failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** Publishes offer changes; {@code onAck} runs, in order, for every acknowledged event. */
    public Report publishOffers(String provider, List<OfferEvent> events, Consumer<OfferEvent> onAck) {
        return publish(Topics.OFFERS.name(), EventTypes.OFFER_CHANGED, provider, events, OfferEvent::offerId,
                OfferEvent::at, offerWriter, onAck);
    }

    /** Publishes instance type changes; {@code onAck} runs, in order, for every acknowledged event. */
    public Report publishTypes(String provider, List<InstanceTypeEvent> events, Consumer<InstanceTypeEvent> onAck) {
        return publish(Topics.INSTANCE_TYPES.name(), EventTypes.INSTANCE_TYPE_CHANGED, provider, events,
                InstanceTypeEvent::key, InstanceTypeEvent::at, typeWriter, onAck);
    }

    /** Publishes a provider status and waits for the broker. */
    public Report publishStatus(ProviderStatus status) {
        return publish(Topics.PROVIDER_STATUS.name(), EventTypes.PROVIDER_STATUS, status.provider(), List.of(status),
                ProviderStatus::provider, ProviderStatus::at, statusWriter, s -> {
                });
    }

    private <T> Report publish(String topic, String type, String provider, List<T> events, Function<T, String> key,
            Function<T, java.time.Instant> time, ObjectWriter writer, Consumer<T> onAck) {
        if (events.isEmpty()) {
            return new Report(0, 0, null);
        }
        CloudEventsBinary headers = new CloudEventsBinary(type, EventTypes.source(provider));
        List<Future<RecordMetadata>> futures = new ArrayList<>(events.size());
        Exception failure = null;
        int sent = 0;
        for (T event : events) {
            try {
                String k = key.apply(event);
                byte[] value = writer.writeValueAsBytes(event);
                futures.add(producer.send(new ProducerRecord<>(topic, null, k, value,
                        headers.headers(k, time.apply(event)))));
                sent++;
            } catch (JsonProcessingException | RuntimeException e) {
                failure = e;
                break;
            }
        }
        producer.flush();
        int acknowledged = 0;
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                onAck.accept(events.get(i));
                acknowledged++;
            } catch (ExecutionException e) {
                failure = failure == null && e.getCause() instanceof Exception cause ? cause : failure;
            } catch (TimeoutException e) {
                failure = failure == null ? e : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                break;
            }
        }
        return new Report(sent, acknowledged, failure);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
