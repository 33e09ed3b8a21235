package dev.skyfleet.provisioner;

import static dev.skyfleet.provisioner.support.Fixtures.awaitState;
import static dev.skyfleet.provisioner.support.Fixtures.body;
import static dev.skyfleet.provisioner.support.Fixtures.create;
import static dev.skyfleet.provisioner.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderInstance;
import dev.skyfleet.providers.ProviderRegistry;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import dev.skyfleet.provisioner.service.TokenService;
import dev.skyfleet.provisioner.support.Fixtures;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The whole flow on the sandbox simulator of libs/providers, with its fault injection. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SandboxFlowTest {
    @Inject
    TokenService tokens;
    @Inject
    OfferViewRepository view;
    @Inject
    ProviderRegistry providers;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eightH100sUnderTheLimitFailOverInjectedCapacityErrorsOnTheSandbox() {
        SandboxProvider sandbox = (SandboxProvider) providers.get("sandbox").orElseThrow();
        List<Offer> h100x8 = sandbox.listOffers().stream()
                .filter(o -> o.usage() == UsageClass.ON_DEMAND && o.available() && o.spec().gpu() != null
                        && "H100".equals(o.spec().gpu().model())
                        && o.spec().gpu().count().compareTo(BigDecimal.valueOf(8)) == 0)
                // the provisioner's failover order: price, region, zone
                .sorted(Comparator.comparing((Offer o) -> o.pricePerHour().amount()).thenComparing(Offer::region)
                        .thenComparing(Offer::zone, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Offer::id))
                .toList();
        assertThat(h100x8).as("available 8xH100 sandbox offers").hasSizeGreaterThanOrEqualTo(3);
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            Fixtures.publish(kafka, view, h100x8.toArray(Offer[]::new));
        }
        sandbox.faults().capacityError(h100x8.get(0).id()).capacityError(h100x8.get(1).id());
        String token = Fixtures.token(tokens, unique("sbx"), Role.OPERATOR);
        BigDecimal limit = h100x8.get(h100x8.size() - 1).pricePerHour().amount();

        try {
            String id = create(token, body("h100-box", Map.of("gpuModel", "H100", "gpuCount", 8,
                    "providers", List.of("sandbox"), "maxPricePerHour", limit)));

            JsonPath running = awaitState(token, id, "running");
            assertThat(running.getString("offer.id")).isNotIn(h100x8.get(0).id(), h100x8.get(1).id());
            List<Map<String, Object>> events = running.getList("events");
            assertThat(events).filteredOn(e -> "capacity-error".equals(e.get("event")))
                    .extracting(e -> e.get("offerId")).startsWith(h100x8.get(0).id(), h100x8.get(1).id());
            List<ProviderInstance> machines = sandbox.listInstances(InstanceFilter.ALL).stream()
                    .filter(m -> m.refId() != null && m.refId().startsWith(id + "-")).toList();
            assertThat(machines).singleElement().satisfies(m -> assertThat(m.providerInstanceId())
                    .isEqualTo(running.getString("providerInstanceId")));

            given().auth().oauth2(token).delete("/api/v1/instances/" + id).then().statusCode(202);
            awaitState(token, id, "terminated");
            assertThat(sandbox.getInstance(machines.get(0).providerInstanceId()).orElseThrow().state())
                    .isEqualTo(InstanceState.TERMINATED);
        } finally {
            sandbox.faults().clearCapacityError(h100x8.get(0).id()).clearCapacityError(h100x8.get(1).id());
        }
    }
}
