package dev.skyfleet.provisioner;

import static dev.skyfleet.provisioner.support.Fixtures.awaitState;
import static dev.skyfleet.provisioner.support.Fixtures.body;
import static dev.skyfleet.provisioner.support.Fixtures.create;
import static dev.skyfleet.provisioner.support.Fixtures.eventNames;
import static dev.skyfleet.provisioner.support.Fixtures.get;
import static dev.skyfleet.provisioner.support.Fixtures.offer;
import static dev.skyfleet.provisioner.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Offer;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.model.CommandType;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.ProvisioningCommand;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import dev.skyfleet.provisioner.repository.ProcessedCommandRepository;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.skyfleet.provisioner.service.TokenService;
import dev.skyfleet.provisioner.support.Fixtures;
import dev.skyfleet.provisioner.support.ScriptedCloud;
import dev.skyfleet.provisioner.support.TestClouds;
import dev.skyfleet.provisioner.support.TopicReader;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create → command → worker → provider → lifecycle, through the real broker and database. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class ProvisioningFlowTest {
    @Inject
    TokenService tokens;
    @Inject
    OfferViewRepository view;
    @Inject
    ProcessedCommandRepository processed;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;
    String token;
    String gpu;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(bootstrap);
        token = Fixtures.token(tokens, unique("flow"), Role.OPERATOR);
        gpu = unique("G").toUpperCase().replace("-", "");
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private String type() {
        return unique("t");
    }

    @Test
    void launchesOnTheCheapestOfferAndTerminatesThroughTheBroker() {
        Offer cheap = offer("alpha", "us-east-1", type(), gpu, 8, "20.00");
        Offer dear = offer("beta", "us-west-1", type(), gpu, 8, "25.00");
        Offer tooDear = offer("beta", "us-west-2", type(), gpu, 8, "31.00");
        Fixtures.publish(kafka, view, cheap, dear, tooDear);

        String id = create(token, body("train-1", Map.of("gpuModel", gpu, "gpuCount", 8, "maxPricePerHour", 30)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(running.getString("offer.id")).isEqualTo(cheap.id());
        assertThat(running.getString("offer.pricePerHour.amount")).isEqualTo("20");
        assertThat(running.getString("providerInstanceId")).startsWith("m-alpha-");
        assertThat(running.getString("publicIp")).isEqualTo("203.0.113.10");
        assertThat(eventNames(running)).containsSubsequence("requested", "launch-attempted", "launched", "running");
        assertThat(TestClouds.ALPHA.machinesOf(id)).hasSize(1);

        var commands = TopicReader.await(bootstrap, Topics.PROVISIONING_COMMANDS.name(), r -> id.equals(r.key()),
                list -> !list.isEmpty());
        assertThat(commands.get(0).value()).contains("\"type\":\"create\"");
        assertThat(TopicReader.header(commands.get(0), "ce_type")).isEqualTo("dev.skyfleet.provisioning.command");
        var lifecycle = TopicReader.await(bootstrap, Topics.INSTANCES.name(), r -> id.equals(r.key()),
                list -> list.stream().anyMatch(r -> r.value().contains("\"state\":\"running\"")));
        assertThat(TopicReader.header(lifecycle.get(0), "ce_source")).isEqualTo("/skyfleet/provisioner");
        assertThat(commands).extracting(r -> r.value()).noneMatch(v -> v.contains("ssh-ed25519"));
        assertThat(lifecycle).extracting(r -> r.value()).noneMatch(v -> v.contains("ssh-ed25519"));

        given().auth().oauth2(token).when().delete("/api/v1/instances/" + id).then().statusCode(202);
        given().auth().oauth2(token).when().delete("/api/v1/instances/" + id).then().statusCode(202);
        JsonPath terminated = awaitState(token, id, "terminated");
        assertThat(eventNames(terminated)).containsSubsequence("terminate-requested", "terminating", "terminated");
        assertThat(eventNames(terminated).stream().filter("terminate-requested"::equals)).hasSize(1);
        assertThat(TestClouds.ALPHA.machinesOf(id)).singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(InstanceState.TERMINATED));
    }

    @Test
    void redeliveredCreateCommandsNeverLaunchASecondMachine() {
        Offer offer = offer("alpha", "us-east-1", type(), gpu, 1, "1.00");
        Fixtures.publish(kafka, view, offer);
        String id = create(token, body("redelivered", Map.of("gpuModel", gpu)));
        awaitState(token, id, "running");
        var original = TopicReader.await(bootstrap, Topics.PROVISIONING_COMMANDS.name(), r -> id.equals(r.key()),
                list -> !list.isEmpty()).get(0);
        ProvisioningCommand again = Json.read(original.value(), ProvisioningCommand.class);
        ProvisioningCommand fresh = new ProvisioningCommand(java.util.UUID.randomUUID().toString(), id,
                again.tenant(), CommandType.CREATE, java.time.Instant.now());

        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.PROVISIONING_COMMANDS.name(), id, original.value()),
                new ProducerRecord<>(Topics.PROVISIONING_COMMANDS.name(), id, Json.write(fresh)))
                .awaitCompletion(Duration.ofSeconds(20));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed.seen(fresh.commandId())
                .await().atMost(Duration.ofSeconds(5)));
        assertThat(TestClouds.ALPHA.machinesOf(id)).hasSize(1);
        assertThat(eventNames(get(token, id)).stream().filter("launch-attempted"::equals)).hasSize(1);
    }

    @Test
    void failsOverTwoCapacityErrorsToTheThirdOffer() {
        Offer first = offer("alpha", "us-east-1", type(), gpu, 8, "10.00");
        Offer second = offer("beta", "us-east-1", type(), gpu, 8, "11.00");
        Offer third = offer("alpha", "eu-central-1", type(), gpu, 8, "12.00");
        Fixtures.publish(kafka, view, first, second, third);
        TestClouds.ALPHA.failNext(first.instanceType(), ErrorKind.INSUFFICIENT_CAPACITY);
        TestClouds.BETA.failNext(second.instanceType(), ErrorKind.INSUFFICIENT_CAPACITY);

        String id = create(token, body("failover", Map.of("gpuModel", gpu)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(running.getString("offer.id")).isEqualTo(third.id());
        List<Map<String, Object>> events = running.getList("events");
        assertThat(events).filteredOn(e -> "capacity-error".equals(e.get("event")))
                .extracting(e -> e.get("offerId")).containsExactly(first.id(), second.id());
        assertThat(events).filteredOn(e -> "launch-attempted".equals(e.get("event"))).hasSize(3);
        assertThat(TestClouds.ALPHA.machinesOf(id)).hasSize(1);
        assertThat(TestClouds.BETA.machinesOf(id)).isEmpty();
        TopicReader.await(bootstrap, Topics.INSTANCES.name(), r -> id.equals(r.key()),
                list -> list.stream().filter(r -> r.value().contains("\"event\":\"capacity-error\"")).count() == 2);
    }

    @Test
    void capacityErrorKeepsTheOfferOutOfLaterRequests() {
        Offer flaky = offer("alpha", "us-east-1", type(), gpu, 1, "1.00");
        Offer steady = offer("beta", "us-east-1", type(), gpu, 1, "2.00");
        Fixtures.publish(kafka, view, flaky, steady);
        TestClouds.ALPHA.failNext(flaky.instanceType(), ErrorKind.INSUFFICIENT_CAPACITY);

        String firstId = create(token, body("first", Map.of("gpuModel", gpu)));
        awaitState(token, firstId, "running");
        String secondId = create(token, body("second", Map.of("gpuModel", gpu)));
        JsonPath second = awaitState(token, secondId, "running");

        assertThat(second.getString("offer.id")).isEqualTo(steady.id());
        assertThat(eventNames(second)).doesNotContain("capacity-error");
        assertThat(TestClouds.ALPHA.calls()).noneMatch(c -> c.startsWith("create " + secondId));
    }

    @Test
    void quotaErrorBlocksTheProviderRegion() {
        Offer quota = offer("alpha", "ap-south-1", type(), gpu, 2, "3.00");
        Offer sameRegion = offer("alpha", "ap-south-1", type(), gpu, 2, "3.50");
        Offer elsewhere = offer("alpha", "ap-east-1", type(), gpu, 2, "4.00");
        Fixtures.publish(kafka, view, quota, sameRegion, elsewhere);
        TestClouds.ALPHA.failNext(quota.instanceType(), ErrorKind.QUOTA_EXCEEDED);

        String id = create(token, body("quota", Map.of("gpuModel", gpu)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(running.getString("offer.id")).isEqualTo(elsewhere.id());
        assertThat(eventNames(running)).contains("quota-error");
        assertThat(TestClouds.ALPHA.calls()).noneMatch(c -> c.contains(sameRegion.instanceType()));
    }

    @Test
    void authenticationErrorFailsFast() {
        Offer refused = offer("gamma", "us-east-1", type(), gpu, 4, "5.00");
        Offer other = offer("alpha", "us-east-1", type(), gpu, 4, "6.00");
        Fixtures.publish(kafka, view, refused, other);
        TestClouds.GAMMA.failNext(refused.instanceType(), ErrorKind.AUTHENTICATION_FAILED);

        String id = create(token, body("auth", Map.of("gpuModel", gpu)));

        JsonPath failed = awaitState(token, id, "failed");
        assertThat(failed.getString("failureReason")).contains("gamma").contains("credentials");
        assertThat(eventNames(failed)).containsSubsequence("launch-attempted", "auth-error", "authentication-failed");
        assertThat(TestClouds.ALPHA.calls()).noneMatch(c -> c.contains(other.instanceType()));
        assertThat(TestClouds.GAMMA.machinesOf(id)).isEmpty();
    }

    @Test
    void refusesAnOfferWhoseProviderCannotCreateInstances() {
        Offer offer = offer("readonly", "us-east-1", type(), gpu, 1, "1.00");
        Fixtures.publish(kafka, view, offer);

        String id = create(token, body("refused", Map.of("offerId", offer.id())));

        JsonPath failed = awaitState(token, id, "failed");
        assertThat(eventNames(failed)).contains("capability-refused");
        assertThat(failed.getString("failureReason")).contains("create-instance");
        assertThat(TestClouds.READONLY.calls()).isEmpty();
    }

    @Test
    void refusesAnOfferAboveThePriceLimit() {
        Offer offer = offer("alpha", "us-east-1", type(), gpu, 1, "9.00");
        Fixtures.publish(kafka, view, offer);

        String id = create(token, body("pricey", Map.of("offerId", offer.id(), "maxPricePerHour", "8.50")));

        JsonPath failed = awaitState(token, id, "failed");
        assertThat(failed.getString("failureReason")).contains("above the limit");
        assertThat(TestClouds.ALPHA.machinesOf(id)).isEmpty();
    }

    @Test
    void rebootNeedsTheCapabilityOfProviderAndInstanceType() {
        Offer basic = offer("basic", "us-east-1", type(), gpu, 1, "1.00");
        Fixtures.publish(kafka, view, basic);
        String id = create(token, body("no-reboot", Map.of("offerId", basic.id())));
        awaitState(token, id, "running");

        given().auth().oauth2(token).when().post("/api/v1/instances/" + id + "/reboot")
                .then().statusCode(409).contentType("application/problem+json")
                .body("capability", org.hamcrest.Matchers.equalTo("reboot-instance"))
                .body("detail", org.hamcrest.Matchers.containsString("basic"));
        given().auth().oauth2(token).when().post("/api/v1/instances/" + id + "/start")
                .then().statusCode(409).body("capability", org.hamcrest.Matchers.equalTo("stop-start-instance"));

        Offer typeWithoutReboot = offer("alpha", "us-east-1", type(), gpu, 1, "1.00",
                java.util.Set.of(dev.skyfleet.model.Capability.STOP_START_INSTANCE));
        Fixtures.publish(kafka, view, typeWithoutReboot);
        String other = create(token, body("type-no-reboot", Map.of("offerId", typeWithoutReboot.id())));
        awaitState(token, other, "running");
        given().auth().oauth2(token).when().post("/api/v1/instances/" + other + "/reboot")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("instance type"));
        given().auth().oauth2(token).when().post("/api/v1/instances/" + other + "/stop").then().statusCode(202);
        awaitState(token, other, "stopped");
        given().auth().oauth2(token).when().post("/api/v1/instances/" + other + "/start").then().statusCode(202);
        awaitState(token, other, "running");
    }

    @Test
    void workerCrashAfterTheProviderLaunchedYieldsExactlyOneMachine() {
        Offer offer = offer("alpha", "us-east-1", type(), gpu, 1, "1.00");
        Fixtures.publish(kafka, view, offer);
        TestClouds.ALPHA.next(offer.instanceType(), ScriptedCloud.Script.CRASH_AFTER_CREATE);

        String id = create(token, body("crash-after", Map.of("gpuModel", gpu)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(eventNames(running)).containsSubsequence("launch-attempted", "reconciled", "running")
                .doesNotContain("launched");
        assertThat(TestClouds.ALPHA.machinesOf(id)).singleElement()
                .satisfies(m -> assertThat(m.providerInstanceId()).isEqualTo(running.getString("providerInstanceId")));
        // the crashed command went to the dead-letter topic with its reason; the reconciler finished the job
        TopicReader.await(bootstrap, Topics.PROVISIONING_COMMANDS.deadLetter().name(), r -> id.equals(r.key()),
                list -> !list.isEmpty() && TopicReader.header(list.get(0), "dead-letter-reason") != null);
    }

    @Test
    void workerCrashBeforeTheProviderLaunchedResumesWithOneMachine() {
        Offer offer = offer("beta", "us-east-1", type(), gpu, 1, "1.00");
        Fixtures.publish(kafka, view, offer);
        TestClouds.BETA.next(offer.instanceType(), ScriptedCloud.Script.CRASH_BEFORE_CREATE);

        String id = create(token, body("crash-before", Map.of("gpuModel", gpu)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(eventNames(running)).containsSubsequence("launch-attempted", "reconciled", "launch-attempted",
                "launched", "running");
        assertThat(TestClouds.BETA.machinesOf(id)).hasSize(1);
    }

    @Test
    void asynchronousLaunchFailureFailsOverToTheNextOffer() {
        Offer failing = offer("alpha", "us-east-1", type(), gpu, 1, "1.00");
        Offer next = offer("beta", "us-east-1", type(), gpu, 1, "1.10");
        Fixtures.publish(kafka, view, failing, next);
        TestClouds.ALPHA.next(failing.instanceType(), ScriptedCloud.Script.FAIL_AFTER_ACCEPT);

        String id = create(token, body("async-fail", Map.of("gpuModel", gpu)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(running.getString("offer.id")).isEqualTo(next.id());
        assertThat(eventNames(running)).containsSubsequence("launched", "capacity-error", "launch-attempted",
                "launched", "running");
    }

    @Test
    void instanceThatNeverBootsIsTerminatedAndFailedAfterTheProviderTimeout() {
        Offer offer = offer("slow", "us-east-1", type(), gpu, 1, "1.00");
        Fixtures.publish(kafka, view, offer);
        TestClouds.SLOW.next(offer.instanceType(), ScriptedCloud.Script.NEVER_BOOT);

        String id = create(token, body("never-boots", Map.of("gpuModel", gpu)));

        JsonPath failed = awaitState(token, id, "failed");
        assertThat(failed.getString("failureReason")).contains("did not reach running within 2 s");
        assertThat(TestClouds.SLOW.machinesOf(id)).singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(InstanceState.TERMINATED));
    }

    @Test
    void terminateBeforeLaunchNeverReachesTheProvider() {
        // no offer matches: the create fails or the terminate wins, but nothing is launched
        String id = create(token, body("early", Map.of("gpuModel", unique("NONE"))));
        given().auth().oauth2(token).when().delete("/api/v1/instances/" + id).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("terminated", "failed")
                .contains(get(token, id).getString("state")));
        assertThat(TestClouds.ALPHA.machinesOf(id)).isEmpty();
        assertThat(TestClouds.BETA.machinesOf(id)).isEmpty();
    }
}
