package dev.skyfleet.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure half of {@code ./skyfleet up}: a real Kafka broker and a real PostgreSQL server on loopback,
 * keeping their data under the given directory, until the process is stopped (SIGTERM stops both cleanly).
 *
 * <pre>java -cp ... dev.skyfleet.testing.LocalInfra DATA_DIR KAFKA_PORT POSTGRES_PORT [DATABASE...]</pre>
 */
public final class LocalInfra {
    private LocalInfra() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: LocalInfra DATA_DIR KAFKA_PORT POSTGRES_PORT [DATABASE...]");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int kafkaPort = Integer.parseInt(args[1]);
        int postgresPort = Integer.parseInt(args[2]);
        List<String> databases = List.of(args).subList(3, args.length);

        LocalPostgres postgres = LocalPostgres.persistent(data.resolve("postgres"), postgresPort);
        databases.forEach(postgres::ensureDatabase);
        System.out.println("postgres ready on 127.0.0.1:" + postgres.port() + " databases " + databases);

        LocalKafka kafka = LocalKafka.persistent(data.resolve("kafka"), kafkaPort, 0).start();
        System.out.println("kafka ready on " + kafka.bootstrapServers());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping kafka and postgres");
            kafka.close();
            postgres.close();
            stopped.countDown();
        }, "local-infra-stop"));
        System.out.println("READY");
        stopped.await();
    }
}
