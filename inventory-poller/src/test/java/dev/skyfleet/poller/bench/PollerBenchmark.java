package dev.skyfleet.poller.bench;

import dev.skyfleet.messaging.TopicAdmin;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Region;
import dev.skyfleet.poller.messaging.CatalogPublisher;
import dev.skyfleet.poller.messaging.KafkaClients;
import dev.skyfleet.poller.messaging.StateRestorer;
import dev.skyfleet.poller.service.FeedDefinition;
import dev.skyfleet.poller.service.PollMetrics;
import dev.skyfleet.poller.service.PollResult;
import dev.skyfleet.poller.service.PollService;
import dev.skyfleet.poller.service.ProviderEntry;
import dev.skyfleet.poller.service.Schedule;
import dev.skyfleet.poller.service.SecretRedactor;
import dev.skyfleet.poller.store.PublishedState;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.catalogfile.CatalogFileProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Feeds the full GCP and Azure SkyPilot catalogs through the catalog-file reader and the poller's diff-and-publish
 * path into a real Kafka broker, and prints: first full publish rate, unchanged re-poll time, restore time and heap.
 *
 * <pre>PollerBenchmark BOOTSTRAP DATA_DIR   (DATA_DIR holds gcp/anycloud-sh/vms.csv and azure/anycloud-sh/vms.csv)</pre>
 */
public final class PollerBenchmark {
    private PollerBenchmark() {
    }

    /** A provider that serves a listing read once, so a poll times the diff and the publish alone. */
    private record Preloaded(String id, CatalogSnapshot snapshot) implements CloudProvider {
        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public List<Region> listRegions() {
            return snapshot.regions();
        }

        @Override
        public List<InstanceTypeSpec> listInstanceTypes() {
            return snapshot.instanceTypes();
        }

        @Override
        public List<Offer> listOffers() {
            return snapshot.offers();
        }

        @Override
        public CatalogSnapshot readCatalog() {
            return snapshot;
        }
    }

    public static void main(String[] args) throws Exception {
        // as in the service (quarkus.log.category."org.apache.kafka".level=WARN): no client TRACE formatting
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:19092";
        Path data = Path.of(args.length > 1 ? args[1] : "/work/shared/reference/data/skypilot");
        List<Path> files = List.of(data.resolve("gcp/anycloud-sh/vms.csv"), data.resolve("azure/anycloud-sh/vms.csv"));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("missing " + f);
            }
        }
        HeapSampler sampler = HeapSampler.begin();
        TopicAdmin.ensure(bootstrap, Topics.CATALOG, (short) 1);
        line("broker", bootstrap);
        line("load average at start", loadAverage());

        // 1. read the CSV files with the catalog-file reader
        List<Preloaded> providers = new ArrayList<>();
        long rows = 0;
        long t0 = System.nanoTime();
        for (Path f : files) {
            String cloud = f.getParent().getParent().getFileName().toString();
            CatalogFileProvider reader = CatalogFileProvider.ofFile(cloud, f, Clock.systemUTC());
            rows += reader.data().rows();
            providers.add(new Preloaded(cloud, reader.readCatalog()));
        }
        double readSeconds = seconds(t0);
        int offers = providers.stream().mapToInt(p -> p.snapshot().offers().size()).sum();
        int types = providers.stream().mapToInt(p -> p.snapshot().instanceTypes().size()).sum();
        line("csv rows read", rows);
        line("offers listed (on-demand + spot)", offers);
        line("instance types", types);
        line("csv read + parse", String.format(Locale.ROOT, "%.2f s (%,.0f rows/s)", readSeconds, rows / readSeconds));

        try (CatalogPublisher publisher = publisher(bootstrap)) {
            firstPollAndRepoll(providers, publisher, readSeconds);
            restart(bootstrap, providers, publisher);
        }
        line("peak heap used (sampled every 20 ms)", mb(sampler.finish()));
        line("max heap (-Xmx)", mb(Runtime.getRuntime().maxMemory()));
        line("load average at end (2 cores)", loadAverage());
    }

    private static void firstPollAndRepoll(List<Preloaded> providers, CatalogPublisher publisher, double readSeconds) {
        // 2. first full publish: every offer is new
        PublishedState state = new PublishedState();
        try (PollService polls = new PollService(state, publisher, new PollMetrics(new SimpleMeterRegistry(), state),
                new SecretRedactor(), Clock.systemUTC())) {
            List<ProviderEntry> entries = providers.stream()
                    .map(p -> ProviderEntry.standalone(FeedDefinition.of(p, OfferSource.CATALOG_FILE),
                            Schedule.manual()))
                    .toList();
            int published = 0;
            double cpu0 = cpuSeconds();
            long t0 = System.nanoTime();
            for (ProviderEntry entry : entries) {
                published += check(polls.poll(entry)).offersPublished();
            }
            double firstSeconds = seconds(t0);
            double firstCpu = cpuSeconds() - cpu0;
            line("first poll: offers published", published);
            line("first poll: poller CPU time", String.format(Locale.ROOT, "%.2f s = %,.0f offers per CPU-second",
                    firstCpu, published / firstCpu));
            line("first poll: diff + publish (acked)", String.format(Locale.ROOT, "%.2f s = %,.0f offers/s",
                    firstSeconds, published / firstSeconds));
            line("first poll incl. csv read", String.format(Locale.ROOT, "%.2f s = %,.0f offers/s",
                    firstSeconds + readSeconds, published / (firstSeconds + readSeconds)));
            line("heap after first poll (live, after GC)", heapAfterGc());

            // 3. unchanged re-poll: diff only, nothing to publish
            int republished = 0;
            t0 = System.nanoTime();
            for (ProviderEntry entry : entries) {
                republished += check(polls.poll(entry)).offersPublished();
            }
            line("re-poll unchanged: offers published", republished);
            line("re-poll unchanged: diff time", String.format(Locale.ROOT, "%.0f ms", seconds(t0) * 1000));
        }
    }

    private static void restart(String bootstrap, List<Preloaded> providers, CatalogPublisher publisher) {
        // 4. restart: a fresh state restored from the compacted topics, then the same catalogs polled again
        PublishedState restored = new PublishedState();
        long t0 = System.nanoTime();
        new StateRestorer(bootstrap, Duration.ofMinutes(5)).restoreInto(restored);
        line("restart: restore from topics", String.format(Locale.ROOT, "%.2f s, %,d offers", seconds(t0),
                restored.offerCount()));
        try (PollService second = new PollService(restored, publisher,
                new PollMetrics(new SimpleMeterRegistry(), restored), new SecretRedactor(), Clock.systemUTC())) {
            int afterRestart = 0;
            t0 = System.nanoTime();
            for (Preloaded p : providers) {
                afterRestart += check(second.poll(ProviderEntry.standalone(
                        FeedDefinition.of(p, OfferSource.CATALOG_FILE), Schedule.manual()))).offersPublished();
            }
            line("restart: poll after restore, offers published", afterRestart);
            line("restart: diff time", String.format(Locale.ROOT, "%.0f ms", seconds(t0) * 1000));
            line("heap after restore (live, after GC)", heapAfterGc());
        }
    }

    private static PollResult check(PollResult result) {
        if (result.outcome() != PollResult.Outcome.OK) {
            throw new IllegalStateException("poll of " + result.provider() + " failed: " + result.error());
        }
        return result;
    }

    private static CatalogPublisher publisher(String bootstrap) {
        String compression = System.getProperty("bench.compression", "lz4");
        int linger = Integer.getInteger("bench.lingerMs", 20);
        int batch = Integer.getInteger("bench.batchBytes", 262_144);
        line("producer", "compression=" + compression + " linger.ms=" + linger + " batch.size=" + batch);
        return new CatalogPublisher(new KafkaProducer<>(KafkaClients.producer(bootstrap, Duration.ofMillis(linger),
                batch, compression, Duration.ofSeconds(60))));
    }

    /** CPU time of this JVM (all threads, including the producer's sender), in seconds. */
    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String heapAfterGc() {
        System.gc();
        System.gc();
        return mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** Samples the total heap in use; the peak is the most the poller ever held, garbage included. */
    private static final class HeapSampler extends Thread {
        private volatile boolean running = true;
        private long peak;

        static HeapSampler begin() {
            HeapSampler sampler = new HeapSampler();
            sampler.setDaemon(true);
            sampler.start();
            return sampler;
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() throws InterruptedException {
            running = false;
            join();
            return peak;
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
    }

    private static void line(String what, Object value) {
        System.out.printf(Locale.ROOT, "%-45s %s%n", what, value);
    }
}
