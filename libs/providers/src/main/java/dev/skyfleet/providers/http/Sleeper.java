package dev.skyfleet.providers.http;

import java.time.Duration;

/** Waits; injectable so tests can observe backoff without depending on wall-clock timing. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> {
        long millis = duration.toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
