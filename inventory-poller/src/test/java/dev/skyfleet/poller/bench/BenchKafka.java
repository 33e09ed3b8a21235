package dev.skyfleet.poller.bench;

import dev.skyfleet.testing.LocalKafka;
import java.util.concurrent.CountDownLatch;

/**
 * A throw-away single-node Kafka broker for the benchmark, in its own JVM so the poller's heap is measured alone.
 * Prints {@code READY <bootstrap>} and runs until stopped (SIGTERM).
 */
public final class BenchKafka {
    private BenchKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalKafka kafka = LocalKafka.temporary().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "bench-kafka-stop"));
        System.out.println("READY " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
