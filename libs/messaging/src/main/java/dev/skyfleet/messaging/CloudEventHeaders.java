package dev.skyfleet.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the record value is the event data and the attributes
 * travel as {@code ce_*} headers, so any CloudEvents SDK can read Skyfleet topics.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * Headers for one event.
     *
     * @param type event type, reverse-DNS ({@code dev.skyfleet.offer.changed})
     * @param source the producing component as a URI reference ({@code /skyfleet/inventory-poller/lambda})
     * @param subject what the event is about (the record key)
     * @param time when it happened
     */
    public static Headers of(String type, String source, String subject, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes(SPEC_VERSION));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_source", bytes(source));
        headers.add("ce_type", bytes(type));
        if (subject != null) {
            headers.add("ce_subject", bytes(subject));
        }
        headers.add("ce_time", bytes(DateTimeFormatter.ISO_INSTANT.format(time)));
        headers.add("content-type", bytes(CONTENT_TYPE));
        return headers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
