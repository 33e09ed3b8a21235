package dev.skyfleet.poller.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.skyfleet.model.OfferSource;
import dev.skyfleet.poller.service.FeedDefinition;
import dev.skyfleet.poller.service.PollerLifecycle;
import dev.skyfleet.poller.service.ProviderRegistry;
import dev.skyfleet.poller.service.Schedule;
import dev.skyfleet.poller.support.FakeProvider;
import dev.skyfleet.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ProvidersResourceTest {

    @Inject
    ProviderRegistry registry;
    @Inject
    PollerLifecycle lifecycle;

    @BeforeEach
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(lifecycle::ready);
    }

    @Test
    void pollNowAnswersWithWhatThePollPublished() {
        FakeProvider fake = FakeProvider.unique();
        fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        fake.offer("us-east-2", "gpu_1x_a10", "0.75");
        registry.register(FeedDefinition.of(fake, OfferSource.API), Schedule.manual());

        given().post("/api/v1/providers/{id}/poll", fake.id())
                .then().statusCode(200)
                .body("provider", equalTo(fake.id()))
                .body("outcome", equalTo("ok"))
                .body("offersSeen", equalTo(2))
                .body("offersPublished", equalTo(2));

        given().get("/api/v1/providers/{id}", fake.id())
                .then().statusCode(200)
                .body("state", equalTo("ok"))
                .body("source", equalTo("api"))
                .body("offerCount", equalTo(2))
                .body("instanceTypeCount", equalTo(1))
                .body("lastSuccessAt", notNullValue())
                .body("capabilities", hasItem("create-instance"));
    }

    @Test
    void providersWithoutCredentialsAreListedAsUnconfiguredWithTheReason() {
        given().get("/api/v1/providers")
                .then().statusCode(200)
                .body("find { it.id == 'lambda' }.state", equalTo("unconfigured"))
                .body("find { it.id == 'lambda' }.lastError", containsString("SKYFLEET_LAMBDA_API_KEY"))
                .body("find { it.id == 'shadeform' }.state", equalTo("unconfigured"));
    }

    @Test
    void pollingAProviderWithoutCredentialsIsAConflictProblem() {
        given().post("/api/v1/providers/lambda/poll")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("parameter", equalTo("id"))
                .body("detail", containsString("SKYFLEET_LAMBDA_API_KEY"));
    }

    @Test
    void unknownProviderIsANotFoundProblemNamingTheParameter() {
        given().get("/api/v1/providers/nope-{n}", System.nanoTime())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Unknown provider"))
                .body("parameter", equalTo("id"))
                .body("detail", not(containsString("Exception")));
        given().post("/api/v1/providers/nope/poll")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void readinessIncludesKafkaAndTheRestoredState() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("inventory-poller state"))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        FakeProvider fake = FakeProvider.unique();
        fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        registry.register(FeedDefinition.of(fake, OfferSource.API), Schedule.manual());
        given().post("/api/v1/providers/{id}/poll", fake.id()).then().statusCode(200);

        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("skyfleet_poller_poll_duration_seconds_count{"))
                .body(containsString("provider=\"" + fake.id() + "\""))
                .body(containsString("skyfleet_poller_offers_published{"));
        given().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/v1/providers/{id}/poll"));
    }
}
