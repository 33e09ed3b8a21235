package dev.skyfleet.generator.service;

import dev.skyfleet.generator.config.GeneratorConfig;
import dev.skyfleet.generator.mapping.CatalogModel;
import dev.skyfleet.generator.mapping.IncrementalModelBuilder;
import dev.skyfleet.generator.messaging.CatchUpTracker;
import dev.skyfleet.generator.messaging.SnapshotPublisher;
import dev.skyfleet.generator.overlay.OverlayException;
import dev.skyfleet.generator.overlay.OverlayLoader;
import dev.skyfleet.generator.overlay.OverlayMerger;
import dev.skyfleet.generator.render.RenderedSnapshot;
import dev.skyfleet.generator.render.SnapshotRenderer;
import dev.skyfleet.generator.store.CommitMessages;
import dev.skyfleet.generator.store.RemotePusher;
import dev.skyfleet.generator.store.SnapshotRepository;
import dev.skyfleet.model.SnapshotEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

/**
 * Turns catalog changes into commits. Changes are debounced (one generation at most one window after the first
 * change of a burst); a generation renders every file, and commits only when the content hash differs from the
 * published one. An invalid overlay keeps the last good snapshot and is reported in the status and on the
 * snapshots topic. All generations run on one thread.
 */
@ApplicationScoped
public class SnapshotService {
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);
    private static final long OVERLAY_CHECK_SECONDS = 5;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final GeneratorConfig config;
    private final CatalogView view;
    private final CatchUpTracker tracker;
    private final OverlayLoader overlays;
    private final SnapshotPublisher publisher;
    private final Timer renderTimer;
    private final Counter commits;

    private final ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "snapshot-generator"));
    private final ExecutorService pushes = Executors.newSingleThreadExecutor(r -> new Thread(r, "snapshot-push"));
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private SnapshotRepository repository;
    private RemotePusher pusher;
    private volatile SnapshotStatus status;
    /** The model of the published snapshot (null after a restart until the first generation). */
    private CatalogModel publishedModel;
    private String overlayFingerprint = "";
    private final IncrementalModelBuilder modelBuilder = new IncrementalModelBuilder();
    private final SnapshotRenderer.Incremental renderer = new SnapshotRenderer.Incremental();

    public SnapshotService(GeneratorConfig config, CatalogView view, CatchUpTracker tracker, OverlayLoader overlays,
            SnapshotPublisher publisher, MeterRegistry registry) {
        this.config = config;
        this.view = view;
        this.tracker = tracker;
        this.overlays = overlays;
        this.publisher = publisher;
        this.renderTimer = Timer.builder("skyfleet.generator.generation").description("Time to render all snapshot files")
                .register(registry);
        this.commits = Counter.builder("skyfleet.generator.commits").description("Snapshot commits").register(registry);
        registry.gauge("skyfleet.generator.catalog.offers", view, CatalogView::offerCount);
        registry.gauge("skyfleet.generator.snapshot.revision", this, s -> s.status().revision());
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        repository = SnapshotRepository.open(config.repositoryDir(), config.branch());
        pusher = config.remote().url().filter(u -> !u.isBlank())
                .map(url -> new RemotePusher(repository, url, config.remote().username(), config.remote().password(),
                        config.remote().attempts()))
                .orElse(null);
        status = loadPublished();
        overlayFingerprint = overlayFingerprint();
        view.onChange(this::requestGeneration);
        tracker.onCaughtUp(() -> {
            LOG.infof("Catalog caught up: %d offers; generating", view.offerCount());
            schedule(0);
        });
        generator.scheduleWithFixedDelay(this::checkOverlays, OVERLAY_CHECK_SECONDS, OVERLAY_CHECK_SECONDS,
                TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        generator.shutdown();
        pushes.shutdown();
        try {
            generator.awaitTermination(10, TimeUnit.SECONDS);
            pushes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (repository != null) {
            repository.close();
        }
    }

    public SnapshotRepository repository() {
        return repository;
    }

    public SnapshotStatus status() {
        SnapshotStatus s = status;
        if (s == null) {
            return new SnapshotStatus(config.snapshotName(), 0, null, null, Map.of(), null, tracker.caughtUp(),
                    view.offerCount(), null);
        }
        return new SnapshotStatus(s.name(), s.revision(), s.commitId(), s.contentHash(), s.files(), s.error(),
                tracker.caughtUp(), view.offerCount(), s.publishedAt());
    }

    /** A catalog change: generate after the debounce window, unless a generation is already pending. */
    public void requestGeneration() {
        if (tracker.caughtUp()) {
            schedule(config.debounce().toMillis());
        }
    }

    private void schedule(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                generator.schedule(this::generateSafely, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
            }
        }
    }

    private void generateSafely() {
        scheduled.set(false);
        try {
            generate();
        } catch (RuntimeException | IOException e) {
            LOG.error("Snapshot generation failed; the last good snapshot stays published", e);
            fail("generation failed: " + e.getClass().getSimpleName());
        }
    }

    private void checkOverlays() {
        try {
            String now = overlayFingerprint();
            if (!now.equals(overlayFingerprint)) {
                overlayFingerprint = now;
                LOG.info("Overlay files changed; regenerating");
                if (tracker.caughtUp()) {
                    schedule(0);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("overlay check failed: %s", e.getMessage());
        }
    }

    private String overlayFingerprint() {
        List<Path> files = new ArrayList<>(config.overlayFiles().orElse(List.of()));
        try {
            files.addAll(OverlayLoader.directoryFiles(config.overlayDir()));
        } catch (OverlayException e) {
            return "unlistable";
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            try {
                sb.append(f).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis())
                        .append('\n');
            } catch (IOException e) {
                sb.append(f).append(":missing\n");
            }
        }
        return sb.toString();
    }

    /** Renders the catalog and commits when the content changed. Runs on the generator thread. */
    void generate() throws IOException {
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        CatalogModel base = modelBuilder.build(view);
        CatalogModel model;
        try {
            model = OverlayMerger.apply(base, overlays.load());
        } catch (OverlayException e) {
            LOG.warnf("Invalid overlay, snapshot not updated: %s", e.getMessage());
            fail("invalid overlay: " + e.getMessage());
            return;
        }
        RenderedSnapshot rendered = renderer.render(model);
        renderTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        SnapshotStatus current = status;
        if (current != null && rendered.contentHash().equals(current.contentHash())) {
            publishedModel = model;
            if (current.error() != null) {
                status = withError(current, null);
                publish(status);
            }
            return;
        }
        long revision = (current == null ? 0 : current.revision()) + 1;
        SortedMap<String, byte[]> files = new TreeMap<>(rendered.files());
        files.put(SnapshotRenderer.INDEX, SnapshotRenderer.index(config.snapshotName(), revision, rendered, model));
        String message = publishedModel == null && current != null && current.commitId() != null
                ? "Catalog re-read after restart: " + CommitMessages.describe(null, model).substring("Initial snapshot: ".length())
                : CommitMessages.describe(publishedModel, model);
        Instant now = Instant.now();
        ObjectId commit = repository.commit(files, message,
                SnapshotRepository.ident(config.author().name(), config.author().email(), now));
        commits.increment();
        publishedModel = model;
        Map<String, String> hashes = new TreeMap<>(rendered.hashes());
        hashes.put(SnapshotRenderer.INDEX, SnapshotRenderer.sha256(files.get(SnapshotRenderer.INDEX)));
        status = new SnapshotStatus(config.snapshotName(), revision, commit.name(), rendered.contentHash(), hashes, null,
                true, view.offerCount(), now);
        LOG.infof("Snapshot revision %d committed (%s) in %d ms (%d ms CPU): %s", revision,
                commit.abbreviate(8).name(), (System.nanoTime() - started) / 1_000_000,
                (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000, message.lines().findFirst().orElse(""));
        publish(status);
        if (pusher != null) {
            pushes.submit(this::push);
        }
        if (config.gcEvery() > 0 && revision % config.gcEvery() == 0) {
            pushes.submit(this::pack);
        }
    }

    /** Packs loose objects (each commit writes its changed files as loose objects) so clones stay cheap. */
    private void pack() {
        long started = System.nanoTime();
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.wrap(repository.repository())) {
            git.gc().call();
            LOG.infof("Snapshot repository packed in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warnf("Packing the snapshot repository failed: %s", e.getMessage());
        }
    }

    private void push() {
        RemotePusher.Outcome outcome = pusher.push(
                SnapshotRepository.ident(config.author().name(), config.author().email(), Instant.now()));
        if (outcome.pushed()) {
            LOG.infof("Snapshot branch pushed (attempt %d: %s)", outcome.attempts(), outcome.detail());
        } else {
            LOG.warnf("Snapshot branch not pushed after %d attempts: %s", outcome.attempts(), outcome.detail());
        }
    }

    private void fail(String error) {
        SnapshotStatus current = status;
        SnapshotStatus failed = current == null
                ? new SnapshotStatus(config.snapshotName(), 0, null, null, Map.of(), error, tracker.caughtUp(),
                        view.offerCount(), null)
                : withError(current, error);
        boolean changed = current == null || !error.equals(current.error());
        status = failed;
        if (changed) {
            publish(failed);
        }
    }

    private static SnapshotStatus withError(SnapshotStatus s, String error) {
        return new SnapshotStatus(s.name(), s.revision(), s.commitId(), s.contentHash(), s.files(), error,
                s.caughtUp(), s.offers(), s.publishedAt());
    }

    private void publish(SnapshotStatus s) {
        publisher.publish(new SnapshotEvent(s.name(), s.revision(), s.commitId(), s.contentHash(), s.files(),
                s.error(), Instant.now()));
    }

    /** The snapshot found in the repository at start: revision, commit and hashes from its index.yaml. */
    private SnapshotStatus loadPublished() throws IOException {
        Optional<ObjectId> head = repository.head();
        if (head.isEmpty()) {
            return null;
        }
        Optional<byte[]> index = repository.read(SnapshotRenderer.INDEX);
        long revision = repository.commitCount();
        String contentHash = null;
        Map<String, String> files = new TreeMap<>();
        if (index.isPresent()) {
            try {
                Object parsed = new org.yaml.snakeyaml.Yaml().load(new String(index.get(), StandardCharsets.UTF_8));
                if (parsed instanceof Map<?, ?> map) {
                    contentHash = map.get("contentHash") instanceof String h ? h : null;
                    if (map.get("files") instanceof List<?> list) {
                        for (Object o : list) {
                            if (o instanceof Map<?, ?> f && f.get("path") instanceof String p
                                    && f.get("sha256") instanceof String h) {
                                files.put(p, h);
                            }
                        }
                    }
                }
                files.put(SnapshotRenderer.INDEX, SnapshotRenderer.sha256(index.get()));
            } catch (RuntimeException e) {
                LOG.warnf("index.yaml of %s unreadable; the next generation commits a fresh snapshot", head.get().name());
            }
        }
        return new SnapshotStatus(config.snapshotName(), revision, head.get().name(), contentHash, files, null, false,
                0, Instant.now());
    }

    /** For tests and the benchmark: run a generation now, on the generator thread, and wait for it. */
    public void generateNow() {
        try {
            generator.submit(() -> {
                generate();
                return null;
            }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("generation failed: " + e.getMessage(), e);
        }
    }
}
