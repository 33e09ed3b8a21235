package dev.skyfleet.catalog.messaging;

import dev.skyfleet.model.Json;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record value with Skyfleet's JSON mapping. A value that is not valid JSON for the type, or that breaks
 * the record's own invariants, fails here; the connector then hands the handler a null payload with the reason in
 * the {@code deserialization-failure-reason} header. A tombstone (no value) reads as null without failing.
 */
public abstract class JsonRecordDeserializer<T> implements Deserializer<T> {
    private final Class<T> type;

    protected JsonRecordDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(data, type);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
