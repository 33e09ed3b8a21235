package dev.skyfleet.providers.testsupport;

import dev.skyfleet.providers.http.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each requested delay and then really sleeps it (delays in tests are short). */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final boolean sleepForReal;

    public RecordingSleeper(boolean sleepForReal) {
        this.sleepForReal = sleepForReal;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        delays.add(duration);
        if (sleepForReal) {
            Sleeper.REAL.sleep(duration);
        }
    }

    public List<Duration> delays() {
        return List.copyOf(delays);
    }
}
