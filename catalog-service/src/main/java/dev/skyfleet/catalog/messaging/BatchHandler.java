package dev.skyfleet.catalog.messaging;

import dev.skyfleet.catalog.service.VertxContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Processes one polled batch of a topic: poison records (unreadable or invalid) are nacked one by one, so the
 * connector's dead-letter strategy sends exactly them to {@code <topic>.dlq} with the reason; the rest is written
 * in one transaction and acknowledged after the commit. When the database rejects the batch for a data reason,
 * records are retried one at a time to isolate the bad one; connection problems are retried with back-off.
 *
 * @param <T> record value type
 */
public final class BatchHandler<T> {
    private static final Logger LOG = Logger.getLogger(BatchHandler.class);
    static final String DESERIALIZATION_FAILURE_REASON = "deserialization-failure-reason";

    private final String topic;
    private final Function<KafkaRecord<String, T>, String> validator;
    private final Function<List<T>, Uni<?>> writer;
    private final MeterRegistry meters;
    private final VertxContexts contexts;

    /**
     * @param topic topic name, for metrics and logs
     * @param validator returns why a readable record is still invalid, or null when it is fine
     * @param writer writes the values in one transaction
     */
    public BatchHandler(String topic, Function<KafkaRecord<String, T>, String> validator,
            Function<List<T>, Uni<?>> writer, MeterRegistry meters, VertxContexts contexts) {
        this.topic = topic;
        this.validator = validator;
        this.writer = writer;
        this.meters = meters;
        this.contexts = contexts;
    }

    public Uni<Void> handle(KafkaRecordBatch<String, T> batch) {
        List<KafkaRecord<String, T>> valid = new ArrayList<>();
        List<Uni<Void>> settled = new ArrayList<>();
        for (KafkaRecord<String, T> record : batch.getRecords()) {
            String problem = problemOf(record);
            if (problem == null && record.getPayload() == null) {
                settled.add(Uni.createFrom().completionStage(record.ack())); // tombstone: nothing to apply
            } else if (problem != null) {
                settled.add(deadLetter(record, problem));
            } else {
                valid.add(record);
            }
        }
        Uni<Void> applied = valid.isEmpty() ? Uni.createFrom().voidItem() : writeAll(valid);
        return Uni.join().all(settled).andCollectFailures().replaceWithVoid()
                .onItem().transformToUni(ignored -> applied);
    }

    private String problemOf(KafkaRecord<String, T> record) {
        if (record.getPayload() == null) {
            Header failure = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE_REASON);
            return failure == null ? null : new String(failure.value(), StandardCharsets.UTF_8);
        }
        return validator.apply(record);
    }

    private Uni<Void> writeAll(List<KafkaRecord<String, T>> records) {
        return write(records)
                .onItem().transformToUni(ignored -> ackAll(records))
                .onFailure(BatchHandler::isDataError).recoverWithUni(failure -> {
                    if (records.size() == 1) {
                        return deadLetter(records.get(0), "rejected by the database: " + reason(failure));
                    }
                    LOG.warnf("batch of %d records from %s rejected (%s); retrying one by one", records.size(), topic,
                            reason(failure));
                    return oneByOne(records, 0);
                });
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, T>> records, int index) {
        if (index >= records.size()) {
            return Uni.createFrom().voidItem();
        }
        return writeAll(List.of(records.get(index))).chain(() -> oneByOne(records, index + 1));
    }

    private Uni<?> write(List<KafkaRecord<String, T>> records) {
        List<T> values = records.stream().map(KafkaRecord::getPayload).toList();
        long start = System.nanoTime();
        return Uni.createFrom().deferred(() -> contexts.run(() -> writer.apply(values)))
                .onFailure(failure -> !isDataError(failure)).invoke(failure -> LOG.warnf(
                        "cannot write %d records from %s (%s); retrying", values.size(), topic, reason(failure)))
                .onFailure(failure -> !isDataError(failure)).retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(15)).atMost(20)
                .invoke(() -> {
                    meters.counter("skyfleet.catalog.ingested", "topic", topic).increment(values.size());
                    meters.timer("skyfleet.catalog.ingest.write", "topic", topic)
                            .record(Duration.ofNanos(System.nanoTime() - start));
                    meters.summary("skyfleet.catalog.ingest.batch.size", "topic", topic).record(values.size());
                });
    }

    private Uni<Void> ackAll(List<KafkaRecord<String, T>> records) {
        List<Uni<Void>> acks = records.stream()
                .map(record -> Uni.createFrom().completionStage(record.ack())).toList();
        return Uni.join().all(acks).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> deadLetter(KafkaRecord<String, T> record, String problem) {
        LOG.warnf("dead-lettering %s record at partition %d offset %s: %s", topic, record.getPartition(),
                offset(record), problem);
        meters.counter("skyfleet.catalog.dead.lettered", "topic", topic).increment();
        return Uni.createFrom().completionStage(record.nack(new PoisonRecordException(problem)));
    }

    private static Object offset(KafkaRecord<?, ?> record) {
        return record instanceof io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord<?, ?> incoming
                ? incoming.getOffset() : "?";
    }

    /** A failure that retrying cannot fix: the database refused the values (constraint, type, range). */
    static boolean isDataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState()
                    : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                // class 22 data exception, 23 integrity constraint violation, 42 syntax/access
                return state.startsWith("22") || state.startsWith("23") || state.startsWith("42");
            }
            if (t instanceof IllegalArgumentException || t instanceof NullPointerException
                    || t instanceof PoisonRecordException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
