package dev.skyfleet.bench;

import dev.skyfleet.generator.mapping.CatalogModel;
import dev.skyfleet.generator.mapping.CatalogModelBuilder;
import dev.skyfleet.generator.render.RenderedSnapshot;
import dev.skyfleet.generator.render.SnapshotRenderer;
import dev.skyfleet.generator.service.CatalogView;
import dev.skyfleet.generator.store.SnapshotRepository;
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
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.catalogfile.CatalogFileProvider;
import dev.skyfleet.testing.LocalKafka;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * config-generator benchmark: (1) in-process full generation of every file for ~100,000 offers (GCP + Azure
 * SkyPilot catalogs + a synthetic sandbox cloud); (2) end to end: the packaged service on a local broker, one
 * offer's price change until a {@code git pull} over HTTP shows it (debounce window included).
 */
public final class GeneratorBench {
    static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "/work/shared/reference/data/skypilot");
        Path appJar = Path.of(args.length > 1 ? args[1] : "config-generator/target/quarkus-app/quarkus-run.jar");
        Path work = Files.createTempDirectory("generator-bench");
        List<Offer> offers = load(data);
        System.out.printf("offers: %d (gcp %d, azure %d, sandbox %d)%n", offers.size(),
                offers.stream().filter(o -> o.provider().equals("gcp")).count(),
                offers.stream().filter(o -> o.provider().equals("azure")).count(),
                offers.stream().filter(o -> o.provider().equals("sandbox")).count());
        inProcess(offers, work);
        if (args.length > 2 && args[2].equals("--no-e2e")) {
            System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
            return;
        }
        endToEnd(offers, appJar, work);
        System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    static List<Offer> load(Path data) {
        Clock clock = Clock.fixed(AT, java.time.ZoneOffset.UTC);
        List<Offer> offers = new ArrayList<>();
        offers.addAll(CatalogFileProvider.ofFile("gcp", data.resolve("gcp/anycloud-sh/vms.csv"), clock).listOffers());
        offers.addAll(CatalogFileProvider.ofFile("azure", data.resolve("azure/anycloud-sh/vms.csv"), clock).listOffers());
        // the sandbox simulator's shape: 50 types x 40 regions x 2 usage classes, capacity on roughly half
        for (int t = 0; t < 50; t++) {
            InstanceTypeSpec spec = new InstanceTypeSpec("sandbox", "sbx-" + (t % 2 == 0 ? "gpu" : "cpu") + "-" + t,
                    BigDecimal.valueOf(4L * (t + 1)), BigDecimal.valueOf(16L * (t + 1)), null,
                    t % 2 == 0 ? new Gpu("H100", BigDecimal.valueOf(1 + t % 8), BigDecimal.valueOf(80), null, null, "H100") : null,
                    Architecture.X86_64, Set.of(), null, null);
            for (int r = 0; r < 40; r++) {
                for (UsageClass usage : UsageClass.values()) {
                    BigDecimal price = BigDecimal.valueOf(100L + t * 37L + r, 2);
                    offers.add(Offer.of("sandbox", null, "sbx-region-" + r, null, usage, spec,
                            Price.usd(usage == UsageClass.SPOT ? price.divide(BigDecimal.valueOf(3), 4, java.math.RoundingMode.HALF_UP) : price),
                            (t + r) % 2 == 0, OfferSource.SIMULATOR, AT));
                }
            }
        }
        return offers;
    }

    static void inProcess(List<Offer> all, Path work) throws IOException {
        List<Offer> onDemand = all.stream().filter(o -> o.usage() == UsageClass.ON_DEMAND).toList();
        generation("on-demand subset", onDemand, work);
        generation("all offers", all, work);
    }

    static void generation(String label, List<Offer> offers, Path work) throws IOException {
        System.out.printf("%n== %s: %d offers%n", label, offers.size());
        CatalogView view = new CatalogView();
        long t0 = System.nanoTime();
        for (Offer o : offers) {
            view.apply(OfferEvent.added(o, AT));
        }
        System.out.printf("apply %d events to the in-memory view: %d ms%n", offers.size(), ms(t0));
        RenderedSnapshot rendered = null;
        long[] runs = new long[7];
        long[] cpu = new long[7];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            CatalogModel model = CatalogModelBuilder.build(view.snapshot());
            rendered = SnapshotRenderer.render(model);
            runs[i] = ms(start);
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
        }
        long bytes = rendered.files().values().stream().mapToLong(b -> b.length).sum();
        long[] sorted = runs.clone();
        Arrays.sort(sorted);
        System.out.printf("full generation (copy view + model + all %d files + SHA-256, %.1f MB): runs %s ms; first %d, median %d, best %d ms%n",
                rendered.files().size(), bytes / 1e6, Arrays.toString(runs), runs[0], sorted[runs.length / 2], sorted[0]);
        long[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        System.out.printf("  same runs, CPU time of the generating thread: %s ms; median %d, best %d ms%n",
                Arrays.toString(cpu), cpuSorted[cpu.length / 2], cpuSorted[0]);
        var builder = new dev.skyfleet.generator.mapping.IncrementalModelBuilder();
        var renderer = new SnapshotRenderer.Incremental();
        rendered = renderer.render(builder.build(view));
        try (SnapshotRepository repo = SnapshotRepository.open(Files.createTempDirectory(work, "repo"), "main")) {
            var who = SnapshotRepository.ident("bench", "bench@example.invalid", Instant.now());
            long c0 = System.nanoTime();
            repo.commit(rendered.files(), "initial\n", who);
            System.out.printf("first commit (all blobs): %d ms%n", ms(c0));
            Offer current = offers.stream().filter(o -> o.provider().equals("gcp")).findFirst().orElseThrow();
            long[] changeRuns = new long[5];
            long[] commitRuns = new long[5];
            for (int i = 0; i < changeRuns.length; i++) {
                Instant at = AT.plusSeconds(i + 1);
                Offer next = current.observed(Price.usd(BigDecimal.valueOf(100000 + i, 2)), true, at);
                long g0 = System.nanoTime();
                view.apply(OfferEvent.between(current, next, at));
                RenderedSnapshot changed = renderer.render(builder.build(view));
                changeRuns[i] = ms(g0);
                long c1 = System.nanoTime();
                repo.commit(changed.files(), "one price\n", who);
                commitRuns[i] = ms(c1);
                current = next;
            }
            System.out.printf("one gcp price change, incremental regenerate: %s ms; commit: %s ms%n",
                    Arrays.toString(changeRuns), Arrays.toString(commitRuns));
        }
    }

    static void endToEnd(List<Offer> offers, Path appJar, Path work) throws Exception {
        try (LocalKafka kafka = LocalKafka.temporary().start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicAdmin.ensure(bootstrap, Topics.CATALOG, (short) 1);
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            props.put("linger.ms", "20");
            props.put("batch.size", "262144");
            props.put("key.serializer", StringSerializer.class.getName());
            props.put("value.serializer", StringSerializer.class.getName());
            long p0 = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                for (Offer o : offers) {
                    producer.send(new ProducerRecord<>(Topics.OFFERS.name(), o.id(), Json.write(OfferEvent.added(o, AT))));
                }
                producer.flush();
            }
            System.out.printf("produced %d offer events: %d ms%n", offers.size(), ms(p0));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = work.resolve("app.log");
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-jar", appJar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "GENERATOR_PORT", Integer.toString(port),
                    "SKYFLEET_GENERATOR_REPO_DIR", work.resolve("snapshots.git").toString(),
                    "SKYFLEET_GENERATOR_OVERLAY_DIR", work.resolve("overlays").toString()));
            long s0 = System.nanoTime();
            Process app = pb.start();
            try {
                String base = "http://127.0.0.1:" + port;
                while (status(base + "/api/v1/snapshots") != 200) {
                    if (!app.isAlive() || ms(s0) > 300_000) {
                        throw new IllegalStateException("service did not publish a snapshot; see " + log);
                    }
                    Thread.sleep(100);
                }
                System.out.printf("service start -> caught up with %d offers -> first commit: %d ms%n", offers.size(), ms(s0));
                Path clone = work.resolve("clone");
                long k0 = System.nanoTime();
                git(work, "clone", "-q", base + "/snapshots.git", clone.toString());
                System.out.printf("git clone over HTTP: %d ms%n", ms(k0));
                Offer target = offers.stream().filter(o -> o.provider().equals("gcp")).findFirst().orElseThrow();
                String file = "catalog/gcp.yaml";
                String wanted = "{id: \"" + target.id() + "\"";
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                    Offer current = target;
                    for (int round = 1; round <= 3; round++) {
                        String price = "98" + round + ".654";
                        Offer changed = current.observed(Price.usd(price), current.available(), Instant.now());
                        long c0 = System.nanoTime();
                        producer.send(new ProducerRecord<>(Topics.OFFERS.name(), target.id(),
                                Json.write(OfferEvent.between(current, changed, Instant.now())))).get();
                        current = changed;
                        int pulls = 0;
                        long lastPull;
                        while (true) {
                            long pull0 = System.nanoTime();
                            git(clone, "pull", "-q", "--ff-only");
                            lastPull = ms(pull0);
                            pulls++;
                            String line = Files.readAllLines(clone.resolve(file)).stream()
                                    .filter(l -> l.contains(wanted)).findFirst().orElse("");
                            if (line.contains("price: " + price)) {
                                break;
                            }
                            if (ms(c0) > 60_000) {
                                throw new IllegalStateException("price change not visible after 60 s");
                            }
                            Thread.sleep(50);
                        }
                        System.out.printf("price change %d -> visible in git pull: %d ms (2 s debounce included; %d pulls, last pull %d ms)%n",
                                round, ms(c0), pulls, lastPull);
                        Thread.sleep(3000);
                    }
                    System.out.println("commit message: " + git(clone, "log", "-1", "--format=%s").strip());
                    Files.readAllLines(log).stream().filter(l -> l.contains("Snapshot revision"))
                            .forEach(l -> System.out.println("  service: " + l.substring(l.indexOf("Snapshot revision"))));
                }
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
