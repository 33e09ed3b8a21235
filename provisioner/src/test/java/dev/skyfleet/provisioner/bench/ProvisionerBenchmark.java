package dev.skyfleet.provisioner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderInstance;
import dev.skyfleet.providers.ProviderRegistry;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import dev.skyfleet.provisioner.service.TokenService;
import dev.skyfleet.provisioner.support.Fixtures;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The provisioner benchmark (bench/provisioner/README.md): 1,000 creates from 16 concurrent clients against the
 * sandbox, through the real broker and database; all must reach running with no duplicate machine; then 1,000
 * terminates. Prints the figures; only correctness is asserted. Runs only with {@code -Dskyfleet.bench=true}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "skyfleet.bench", matches = "true")
class ProvisionerBenchmark {
    /** At most 1,000: the list endpoint the benchmark counts with answers 1,000 rows at most. */
    private static final int REQUESTS = Math.min(1000, Integer.getInteger("skyfleet.bench.requests", 1000));
    private static final int CLIENTS = Integer.getInteger("skyfleet.bench.clients", 16);
    /** Offered load in requests per second over all clients; 0 sends as fast as the clients can (closed loop). */
    private static final int RATE = Integer.getInteger("skyfleet.bench.rate", 150);

    @Inject
    TokenService tokens;
    @Inject
    OfferViewRepository view;
    @Inject
    ProviderRegistry providers;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/instances")
    java.net.URL instancesUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thousandCreatesAndTerminatesOnTheSandbox() throws Exception {
        SandboxProvider sandbox = (SandboxProvider) providers.get("sandbox").orElseThrow();
        List<Offer> offers = sandbox.listOffers().stream().filter(o -> o.usage() == UsageClass.ON_DEMAND
                && o.spec().gpu() != null).toList();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            Fixtures.publish(kafka, view, offers.toArray(Offer[]::new));
        }
        String token = Fixtures.token(tokens, Fixtures.unique("bench"), Role.OPERATOR);
        String sshKey = Fixtures.sshKey();
        String base = instancesUrl.toString();

        // warm-up of JIT and connection pools, in another tenant: not measured, not counted
        String warmToken = Fixtures.token(tokens, Fixtures.unique("warm"), Role.OPERATOR);
        List<String> warm = Collections.synchronizedList(new ArrayList<>());
        run(100, 8, 0, i -> post(base, warmToken, sshKey, "warm-" + i, warm));
        awaitAll(base, warmToken, "running", warm.size(), Duration.ofMinutes(2));

        List<String> ids = Collections.synchronizedList(new ArrayList<>());

        long start = System.nanoTime();
        List<Long> createLatencies = run(REQUESTS, CLIENTS, RATE, i -> post(base, token, sshKey, "bench-" + i, ids));
        double createSeconds = (System.nanoTime() - start) / 1e9;
        int total = ids.size();

        long runningWait = System.nanoTime();
        awaitAll(base, token, "running", total, Duration.ofMinutes(5));
        double toRunning = (System.nanoTime() - start) / 1e9;
        double runningAfterAccept = (System.nanoTime() - runningWait) / 1e9;

        Map<String, Long> machinesPerInstance = sandbox.listInstances(InstanceFilter.ALL).stream()
                .map(ProviderInstance::refId).filter(ref -> ref != null && ref.startsWith("i-"))
                .collect(Collectors.groupingBy(ref -> ref.substring(0, ref.lastIndexOf('-')), Collectors.counting()));
        long duplicates = ids.stream().mapToLong(id -> Math.max(0, machinesPerInstance.getOrDefault(id, 0L) - 1))
                .sum();
        long missing = ids.stream().filter(id -> !machinesPerInstance.containsKey(id)).count();

        long terminateStart = System.nanoTime();
        List<String> toTerminate = List.copyOf(ids);
        List<Long> terminateLatencies = run(toTerminate.size(), CLIENTS, RATE,
                i -> delete(base, token, toTerminate.get(i)));
        double terminateSeconds = (System.nanoTime() - terminateStart) / 1e9;
        awaitAll(base, token, "terminated", total, Duration.ofMinutes(5));
        double toTerminated = (System.nanoTime() - terminateStart) / 1e9;

        String report = String.join("\n",
                "==== provisioner benchmark (sandbox, real Kafka + PostgreSQL, " + CLIENTS + " clients, offered "
                        + (RATE == 0 ? "as fast as possible" : RATE + " req/s") + ") ====",
                String.format("creates accepted         : %d in %.2f s = %.1f req/s", REQUESTS, createSeconds,
                        REQUESTS / createSeconds),
                "create latency ms        : " + percentiles(createLatencies),
                String.format("all %d running after   : %.2f s from first request (%.2f s after the last accept)",
                        total, toRunning, runningAfterAccept),
                "duplicates at provider   : " + duplicates + " (instances without a machine: " + missing + ")",
                String.format("terminates accepted      : %d in %.2f s = %.1f req/s", toTerminate.size(),
                        terminateSeconds, toTerminate.size() / terminateSeconds),
                "terminate latency ms     : " + percentiles(terminateLatencies),
                String.format("all %d terminated after: %.2f s from first terminate", total, toTerminated),
                "====");
        System.out.println(report);
        assertThat(duplicates).isZero();
        assertThat(missing).isZero();
    }

    private void post(String base, String token, String sshKey, String name, List<String> ids) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("sshPublicKey", sshKey);
        body.put("placement", Map.of("providers", List.of("sandbox"), "maxPricePerHour", 100));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
        ids.add(read(response.body()).get("id").asText());
    }

    private void delete(String base, String token, String id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/" + id))
                .header("Authorization", "Bearer " + token).DELETE().build());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("terminate answered " + response.statusCode());
        }
    }

    private void awaitAll(String base, String token, String state, int expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "?limit=1000&state=" + state))
                    .header("Authorization", "Bearer " + token).GET().build());
            count = read(response.body()).size();
            if (count >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(count + " of " + expected + " instances " + state + " after " + timeout);
    }

    /**
     * Runs n calls over the given number of client threads, call i scheduled at {@code i / rate} seconds (rate 0:
     * each client sends its next call as soon as the previous answered). Latency is measured from the scheduled
     * time, so a server that falls behind shows its queueing (no coordinated omission). Returns nanoseconds.
     */
    private static List<Long> run(int n, int clients, int rate, java.util.function.IntConsumer call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                long scheduled = rate == 0 ? 0 : start + (long) (index * 1e9 / rate);
                futures.add(pool.submit(() -> {
                    long now = System.nanoTime();
                    if (scheduled > now) {
                        java.util.concurrent.locks.LockSupport.parkNanos(scheduled - now);
                    }
                    long t = rate == 0 ? System.nanoTime() : scheduled;
                    call.accept(index);
                    return System.nanoTime() - t;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<Long> f : futures) {
                latencies.add(f.get());
            }
            return latencies;
        } finally {
            pool.shutdown();
        }
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Function<Double, String> p = q -> String.format("%.1f",
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6);
        return "p50 " + p.apply(0.50) + ", p90 " + p.apply(0.90) + ", p99 " + p.apply(0.99) + ", max "
                + p.apply(1.0);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
