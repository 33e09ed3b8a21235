package dev.skyfleet.generator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.generator.Fixtures;
import dev.skyfleet.generator.config.GeneratorConfig;
import dev.skyfleet.generator.messaging.CatchUpTracker;
import dev.skyfleet.generator.messaging.SnapshotPublisher;
import dev.skyfleet.generator.overlay.OverlayLoader;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.SnapshotEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jgit.api.Git;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's commit logic across a restart, without Kafka: same catalog, no commit; revisions continue. */
class SnapshotServiceTests {
    @TempDir
    Path dir;

    final List<SnapshotEvent> published = Collections.synchronizedList(new ArrayList<>());

    static final InstanceTypeSpec TYPE = Fixtures.gpuType("lambda", "gpu_1x_a10", 30, 200, 1, "A10", 24);

    static List<OfferEvent> events() {
        List<OfferEvent> events = new ArrayList<>();
        for (String region : List.of("us-east-1", "us-west-1", "europe-central-1")) {
            events.add(OfferEvent.added(Fixtures.offer(TYPE, region, "0.75", true), Fixtures.T0));
        }
        return events;
    }

    SnapshotService start(CatalogView view) {
        GeneratorConfig config = config(dir.resolve("snapshots.git"), dir.resolve("overlays"));
        Emitter<Record<String, String>> emitter = new Emitter<>() {
            @Override
            public CompletionStage<Void> send(Record<String, String> msg) {
                published.add(Json.read(msg.value(), SnapshotEvent.class));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public <M extends Message<? extends Record<String, String>>> void send(M msg) {
                send(msg.getPayload());
            }

            @Override
            public void complete() {
            }

            @Override
            public void error(Exception e) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public boolean hasRequests() {
                return true;
            }
        };
        SnapshotService service = new SnapshotService(config, view, new CatchUpTracker(), new OverlayLoader(config),
                new SnapshotPublisher(emitter), new SimpleMeterRegistry());
        try {
            service.onStart(null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return service;
    }

    @Test
    void restartWithTheSameCatalogMakesNoCommitAndRevisionsContinue() throws Exception {
        CatalogView first = new CatalogView();
        events().forEach(first::apply);
        SnapshotService service = start(first);
        service.generateNow();
        SnapshotStatus published1 = service.status();
        assertThat(published1.revision()).isEqualTo(1);
        service.onStop(null);

        // a new process reads the same facts, in another order
        CatalogView second = new CatalogView();
        List<OfferEvent> shuffled = new ArrayList<>(events());
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(second::apply);
        SnapshotService restarted = start(second);
        assertThat(restarted.status().revision()).isEqualTo(1);
        assertThat(restarted.status().contentHash()).isEqualTo(published1.contentHash());
        restarted.generateNow();
        assertThat(restarted.status().commitId()).isEqualTo(published1.commitId());

        Offer offer = Fixtures.offer(TYPE, "us-east-1", "0.75", true);
        second.apply(OfferEvent.between(offer, offer.observed(Price.usd("0.70"), true, Fixtures.T0.plusSeconds(9)),
                Fixtures.T0.plusSeconds(9)));
        restarted.generateNow();
        SnapshotStatus published2 = restarted.status();
        assertThat(published2.revision()).isEqualTo(2);
        try (Git git = Git.wrap(restarted.repository().repository())) {
            assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage())
                    .startsWith("lambda: 1 price changed");
        }
        assertThat(new String(restarted.repository().read("index.yaml").orElseThrow()))
                .contains("revision: 2\n").contains("contentHash: \"" + published2.contentHash() + "\"");
        restarted.onStop(null);
        // every second commit packs the repository (gc-every = 2 here)
        try (var packs = java.nio.file.Files.list(dir.resolve("snapshots.git/objects/pack"))) {
            assertThat(packs.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".pack"));
        }
        assertThat(published).extracting(SnapshotEvent::revision).containsExactly(1L, 2L);
    }

    static GeneratorConfig config(Path repo, Path overlays) {
        return new GeneratorConfig() {
            @Override
            public Path repositoryDir() {
                return repo;
            }

            @Override
            public String branch() {
                return "main";
            }

            @Override
            public String snapshotName() {
                return "catalog";
            }

            @Override
            public Duration debounce() {
                return Duration.ofMillis(100);
            }

            @Override
            public Optional<List<Path>> overlayFiles() {
                return Optional.empty();
            }

            @Override
            public Path overlayDir() {
                return overlays;
            }

            @Override
            public int gcEvery() {
                return 2;
            }

            @Override
            public Author author() {
                return new Author() {
                    @Override
                    public String name() {
                        return "test";
                    }

                    @Override
                    public String email() {
                        return "test@example.invalid";
                    }
                };
            }

            @Override
            public Remote remote() {
                return new Remote() {
                    @Override
                    public Optional<String> url() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> username() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> password() {
                        return Optional.empty();
                    }

                    @Override
                    public int attempts() {
                        return 1;
                    }
                };
            }
        };
    }
}
