package dev.skyfleet.catalog.messaging;

import dev.skyfleet.model.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Value serializer of the dead-letter topics: the original bytes when the record could not be read, the JSON of
 * the record otherwise.
 */
public class DeadLetterSerializer implements Serializer<Object> {
    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return Json.write(data).getBytes(StandardCharsets.UTF_8);
    }
}
