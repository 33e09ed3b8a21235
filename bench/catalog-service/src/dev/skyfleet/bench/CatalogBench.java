package dev.skyfleet.bench;

import dev.skyfleet.messaging.TopicAdmin;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.ProviderState;
import dev.skyfleet.model.ProviderStatus;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.testing.LocalKafka;
import dev.skyfleet.testing.LocalPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end benchmark of the packaged catalog-service against a local KRaft broker and PostgreSQL:
 * 1. ingest: N offer events (GCP/Azure-shaped: many regions and zones, ~30% GPU types, on-demand and spot)
 * are produced before the service starts; throughput = offers / (last ingested - first ingested), read from the
 * service's own Prometheus counter;
 * 2. latency: 16 client threads, each with its own keep-alive connection, for the search
 * {@code GET /api/v1/offers?gpu=H100&available=true&sort=price} and a selection request;
 * 3. SSE: 100 subscribers, one price change produced at t0, time until each subscriber has it.
 */
public final class CatalogBench {
    private static final Pattern INGESTED = Pattern.compile(
            "skyfleet_catalog_ingested_total\\{[^}]*topic=\"skyfleet.offers.v1\"[^}]*} ([0-9.E]+)");
    private static final String[] GPUS = {"H100", "A100", "A100-80GB", "L4", "T4", "V100", "A10", "H200", "L40S"};

    private CatalogBench() {
    }

    public static void main(String[] args) throws Exception {
        Path appJar = Path.of(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        int count = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Files.createDirectories(work);
        System.out.printf("catalog-service benchmark: %d offers, %d s per load phase, %d cores%n", count, seconds,
                Runtime.getRuntime().availableProcessors());
        try (LocalPostgres postgres = LocalPostgres.temporary(); LocalKafka kafka = LocalKafka.temporary().start()) {
            postgres.ensureDatabase("catalog");
            String bootstrap = kafka.bootstrapServers();
            List<Offer> offers = offers(count);
            TopicAdmin.ensure(bootstrap, List.of(Topics.OFFERS, Topics.INSTANCE_TYPES, Topics.PROVIDER_STATUS,
                    Topics.OFFERS.deadLetter(), Topics.INSTANCE_TYPES.deadLetter(),
                    Topics.PROVIDER_STATUS.deadLetter()), (short) 1);
            long p0 = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                for (String provider : List.of("gcp", "azure")) {
                    ProviderStatus status = new ProviderStatus(provider, ProviderState.OK, Instant.now(),
                            Instant.now(), null, count / 2, Duration.ofMinutes(5), Set.of(), Instant.now());
                    producer.send(new ProducerRecord<>(Topics.PROVIDER_STATUS.name(), provider, Json.write(status)));
                }
                for (Offer offer : offers) {
                    producer.send(new ProducerRecord<>(Topics.OFFERS.name(), offer.id(),
                            Json.write(OfferEvent.added(offer, offer.observedAt()))));
                }
                producer.flush();
            }
            System.out.printf("produced %d offer events in %d ms%n", offers.size(), ms(p0));

            int port = freePort();
            Path log = work.resolve("catalog-service.log");
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-jar", appJar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "CATALOG_PORT",
                    Integer.toString(port), "SKYFLEET_DB_REACTIVE_URL", postgres.reactiveUrl("catalog"),
                    "SKYFLEET_DB_JDBC_URL", postgres.jdbcUrl("catalog")));
            long s0 = System.nanoTime();
            Process app = pb.start();
            String base = "http://127.0.0.1:" + port;
            try {
                ingest(app, base, count, s0, log);
                HttpClient probe = HttpClient.newHttpClient();
                String search = base + "/api/v1/offers?gpu=H100&available=true&sort=price";
                String body = probe.send(HttpRequest.newBuilder(URI.create(search + "&limit=500")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                System.out.printf("search answers %d offers per page (limit 500), first page %d bytes%n",
                        body.split("\"id\":").length - 1, body.length());
                String selection = "{\"gpu\":\"H100\",\"gpuCount\":8,\"maxPrice\":100,\"limit\":10}";
                load("GET /api/v1/offers?gpu=H100&available=true&sort=price", 1, Math.min(seconds, 5),
                        () -> HttpRequest.newBuilder(URI.create(search)).build());
                load("GET /api/v1/offers?gpu=H100&available=true&sort=price", 16, seconds,
                        () -> HttpRequest.newBuilder(URI.create(search)).build());
                load("POST /api/v1/selections " + selection, 16, seconds,
                        () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/selections"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(selection)).build());
                sse(base, bootstrap, offers, 100);
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
        double[] load = new double[3];
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            for (int i = 0; i < 3; i++) {
                load[i] = Double.parseDouble(parts[i]);
            }
        } catch (IOException e) {
            // not on Linux
        }
        System.out.printf("load average at the end: %.2f %.2f %.2f (2 cores shared with other builds)%n", load[0],
                load[1], load[2]);
    }

    static void ingest(Process app, String base, int count, long s0, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long first = -1;
        double seen = 0;
        while (seen < count) {
            if (!app.isAlive() || ms(s0) > 600_000) {
                throw new IllegalStateException("service did not ingest everything (" + seen + "); see " + log);
            }
            try {
                String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = INGESTED.matcher(metrics);
                seen = m.find() ? Double.parseDouble(m.group(1)) : 0;
                if (seen > 0 && first < 0) {
                    first = System.nanoTime();
                    System.out.printf("service started and ingesting after %d ms%n", ms(s0));
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(seen > 0 ? 50 : 200);
        }
        long took = ms(first);
        String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double batches = metric(metrics, "skyfleet_catalog_ingest_batch_size_count");
        double rows = metric(metrics, "skyfleet_catalog_ingest_batch_size_sum");
        double writeSeconds = metric(metrics, "skyfleet_catalog_ingest_write_seconds_sum");
        System.out.printf("ingest batches: %.0f, mean %.0f records, database time %.1f s in total (%.1f ms per "
                + "batch)%n", batches, rows / Math.max(1, batches), writeSeconds,
                writeSeconds * 1000 / Math.max(1, batches));
        System.out.printf("INGEST: %d offers from Kafka into PostgreSQL in %d ms after the first commit = %,.0f "
                + "offers/s (target >= 10,000/s)%n", count, took, count * 1000.0 / Math.max(1, took));
    }

    static double metric(String metrics, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\{[^}]*topic=\"skyfleet.offers.v1\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    interface RequestFactory {
        HttpRequest create();
    }

    static void load(String name, int clients, int seconds, RequestFactory requests) throws Exception {
        // warm-up: JIT, connection pools, PostgreSQL plan caches
        runClients(clients, 3, requests, null);
        List<long[]> samples = new ArrayList<>();
        long[] errors = new long[1];
        long t0 = System.nanoTime();
        runClients(clients, seconds, requests, new Object[] {samples, errors});
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] all = samples.stream().flatMapToLong(Arrays::stream).filter(v -> v >= 0).sorted().toArray();
        System.out.printf("LATENCY %s, %d clients: %d requests in %.1f s = %.0f req/s, p50 %.2f ms, p90 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms, errors %d%s%n", name, clients, all.length, elapsed,
                all.length / elapsed, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all[all.length - 1] / 1e6,
                errors[0], clients == 16 ? " (target p99 < 20 ms)" : " (service time, no concurrency)");
    }

    @SuppressWarnings("unchecked")
    static void runClients(int clients, int seconds, RequestFactory requests, Object[] sink) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<long[]> results = new ArrayList<>();
        long[] errorCount = new long[clients];
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[2_000_000];
            Arrays.fill(latencies, -1);
            results.add(latencies);
            int client = c;
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int i = 0;
                while (System.nanoTime() < end && i < latencies.length) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(requests.create(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errorCount[client]++;
                        }
                        latencies[i++] = System.nanoTime() - s;
                    } catch (IOException | InterruptedException e) {
                        errorCount[client]++;
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (sink != null) {
            ((List<long[]>) sink[0]).addAll(results);
            ((long[]) sink[1])[0] = Arrays.stream(errorCount).sum();
        }
    }

    static void sse(String base, String bootstrap, List<Offer> offers, int subscribers) throws Exception {
        Offer target = offers.stream().filter(o -> o.spec().gpu() != null && o.spec().gpu().model().equals("H100"))
                .findFirst().orElseThrow();
        Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
        CountDownLatch connected = new CountDownLatch(subscribers);
        String[] marker = new String[1];
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            int n = i;
            boolean[] counted = new boolean[1];
            streams.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/events?gpu=H100&kind=price"))
                    .build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
                        if (line.startsWith(":") && !counted[0]) {
                            counted[0] = true;
                            connected.countDown();
                        } else if (line.startsWith("data:") && marker[0] != null && line.contains(marker[0])) {
                            arrivals.putIfAbsent(n, System.nanoTime());
                        }
                    })));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (subscribers - connected.getCount()) + " SSE subscribers");
        }
        Thread.sleep(500);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int round = 1; round <= 5; round++) {
                arrivals.clear();
                Offer changed = target.observed(Price.usd(new BigDecimal("30.00").add(BigDecimal.valueOf(round))),
                        target.available(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
                marker[0] = "\"amount\":" + changed.pricePerHour().amount().toPlainString() + ",";
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.OFFERS.name(), changed.id(),
                        Json.write(OfferEvent.between(target, changed, changed.observedAt())))).get();
                target = changed;
                long deadline = t0 + 10_000_000_000L;
                while (arrivals.size() < subscribers && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long[] delays = arrivals.values().stream().mapToLong(t -> t - t0).sorted().toArray();
                long within = Arrays.stream(delays).filter(d -> d <= 1_000_000_000L).count();
                System.out.printf("SSE round %d: %d of %d subscribers got the price change, %d within 1 s; "
                        + "p50 %.0f ms, max %.0f ms%n", round, delays.length, subscribers, within,
                        delays.length == 0 ? -1 : pct(delays, 0.5), delays.length == 0 ? -1
                                : delays[delays.length - 1] / 1e6);
                Thread.sleep(300);
            }
        }
        streams.forEach(s -> s.cancel(true));
    }

    static List<Offer> offers(int count) {
        Random random = new Random(42);
        List<Offer> offers = new ArrayList<>(count);
        Instant at = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        int typeIndex = 0;
        while (offers.size() < count) {
            String provider = typeIndex % 2 == 0 ? "gcp" : "azure";
            boolean gpu = random.nextInt(10) < 3;
            String model = GPUS[random.nextInt(GPUS.length)];
            int gpus = 1 << random.nextInt(4);
            int vcpus = gpu ? 12 * gpus : 2 << random.nextInt(7);
            String type = (gpu ? model.toLowerCase() + "-" + gpus + "x-" : "std-") + vcpus + "-" + typeIndex;
            InstanceTypeSpec spec = new InstanceTypeSpec(provider, type, BigDecimal.valueOf(vcpus),
                    BigDecimal.valueOf(vcpus * 4L), null, gpu ? new Gpu(model, BigDecimal.valueOf(gpus),
                            BigDecimal.valueOf(model.startsWith("H") ? 80 : 40), null, null, model) : null,
                    random.nextInt(5) == 0 ? Architecture.ARM64 : Architecture.X86_64, Set.of(), null, null);
            BigDecimal hourly = BigDecimal.valueOf(gpu ? gpus * (1.0 + random.nextDouble() * 4)
                    : vcpus * 0.04 * (0.8 + random.nextDouble() * 0.4)).setScale(4, java.math.RoundingMode.HALF_UP);
            // each type in ~40 regions x 1-3 zones, on-demand and spot
            for (int r = 0; r < 40 && offers.size() < count; r++) {
                String region = (provider.equals("gcp") ? "gcp-region-" : "azure-region-") + r;
                int zones = 1 + random.nextInt(3);
                for (int z = 0; z < zones && offers.size() < count; z++) {
                    String zone = region + "-" + (char) ('a' + z);
                    for (UsageClass usage : UsageClass.values()) {
                        if (offers.size() >= count) {
                            break;
                        }
                        BigDecimal price = usage == UsageClass.SPOT ? hourly.multiply(new BigDecimal("0.35"))
                                : hourly;
                        offers.add(Offer.of(provider, null, region, zone, usage, spec, Price.usd(price),
                                random.nextBoolean(), OfferSource.CATALOG_FILE, at));
                    }
                }
            }
            typeIndex++;
        }
        return offers;
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
