package dev.skyfleet.poller.messaging;

import dev.skyfleet.messaging.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 binary-mode headers, the same set {@link CloudEventHeaders#of} writes, built for batches of
 * ~100,000 records: the attributes shared by a batch (type, source, time) are encoded once and the event id is a
 * random (version 4) UUID from a non-blocking generator.
 */
final class CloudEventsBinary {
    private static final byte[] SPEC_VERSION = bytes(CloudEventHeaders.SPEC_VERSION);
    private static final byte[] CONTENT_TYPE = bytes(CloudEventHeaders.CONTENT_TYPE);

    private final byte[] type;
    private final byte[] source;
    private Instant lastTime;
    private byte[] lastTimeBytes;

    CloudEventsBinary(String type, String source) {
        this.type = bytes(type);
        this.source = bytes(source);
    }

    Headers headers(String subject, Instant time) {
        if (!time.equals(lastTime)) {
            lastTime = time;
            lastTimeBytes = bytes(DateTimeFormatter.ISO_INSTANT.format(time));
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", SPEC_VERSION);
        headers.add("ce_id", bytes(randomId()));
        headers.add("ce_source", source);
        headers.add("ce_type", type);
        if (subject != null) {
            headers.add("ce_subject", bytes(subject));
        }
        headers.add("ce_time", lastTimeBytes);
        headers.add("content-type", CONTENT_TYPE);
        return headers;
    }

    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
