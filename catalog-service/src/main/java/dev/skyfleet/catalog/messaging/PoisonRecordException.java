package dev.skyfleet.catalog.messaging;

/** A record that can never be processed; its message becomes the {@code dead-letter-reason} header. */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
    }
}
