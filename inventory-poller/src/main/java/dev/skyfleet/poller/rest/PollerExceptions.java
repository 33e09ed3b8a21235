package dev.skyfleet.poller.rest;

/** Errors the HTTP API maps to problem responses. */
public final class PollerExceptions {
    private PollerExceptions() {
    }

    /** No provider with this id. */
    public static final class UnknownProvider extends RuntimeException {
        public UnknownProvider(String id) {
            super("no provider '" + id + "'; GET /api/v1/providers lists them", null, false, false);
        }
    }

    /** The provider exists but cannot be polled (disabled, no credentials). */
    public static final class NotPollable extends RuntimeException {
        public NotPollable(String message) {
            super(message, null, false, false);
        }
    }

    /** The poller has not restored its state yet. */
    public static final class NotReady extends RuntimeException {
        public NotReady(String message) {
            super(message, null, false, false);
        }
    }
}
