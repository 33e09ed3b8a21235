package dev.skyfleet.model;

import static dev.skyfleet.model.Fixtures.T0;
import static dev.skyfleet.model.Fixtures.h100Offer;
import static dev.skyfleet.model.Fixtures.h100x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRoundTripTests {

    static Stream<Object> everyEventType() {
        return Stream.of(
                OfferEvent.between(h100Offer("23.92", true), h100Offer("21.5", false), T0),
                OfferEvent.removed(h100Offer("23.92", true), T0),
                InstanceTypeEvent.upsert(h100x8(), T0),
                new ProviderStatus("lambda", ProviderState.ERROR, T0.minusSeconds(120), T0,
                        "RATE_LIMITED: too many requests", 42, Duration.ofSeconds(60),
                        Set.of(Capability.CREATE_INSTANCE, Capability.TERMINATE_INSTANCE), T0),
                new ProvisioningCommand("cmd-1", "inst-1", "acme", CommandType.CREATE, T0),
                new InstanceEvent("inst-1", "acme", 3, InstanceState.RUNNING, "running", "instance is running",
                        "lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand", "lambda", "0920582c", Price.usd("23.92"), T0),
                new SnapshotEvent("catalog", 17, "4b6bbb7f", "sha256:ab12", Map.of("index.yaml", "ab12"), null, T0));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventSurvivesARoundTrip(Object event) {
        String json = Json.write(event);

        Object back = Json.read(json, event.getClass());

        assertThat(back).isEqualTo(event);
        assertThat(Json.write(back)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void unknownFieldsAreIgnoredWhenReading(Object event) throws Exception {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(Json.write(event));
        tree.put("fieldFromTheFuture", "x");
        tree.putObject("nestedFromTheFuture").put("a", 1);

        Object back = Json.mapper().treeToValue(tree, event.getClass());

        assertThat(back).isEqualTo(event);
    }

    @org.junit.jupiter.api.Test
    void wireValuesAreLowerCaseAndTimesAreIso() {
        String json = Json.write(OfferEvent.added(h100Offer("23.92", true), T0));

        assertThat(json)
                .contains("\"usage\":\"on-demand\"")
                .contains("\"changes\":[\"added\"]")
                .contains("\"interconnect\":\"SXM5\"")
                .contains("\"architecture\":\"x86_64\"")
                .contains("\"observedAt\":\"2026-11-21T10:00:00Z\"")
                .contains("\"amount\":23.92");
    }

    @org.junit.jupiter.api.Test
    void newEnumValuesDoNotBreakReading() {
        String json = Json.write(InstanceTypeEvent.upsert(h100x8(), T0))
                .replace("\"x86_64\"", "\"riscv64\"")
                .replace("\"reboot-instance\"", "\"teleport-instance\"");

        InstanceTypeEvent back = Json.read(json, InstanceTypeEvent.class);

        assertThat(back.spec().architecture()).isEqualTo(Architecture.UNKNOWN);
        assertThat(back.spec().capabilities()).containsExactly(Capability.CREATE_INSTANCE);
    }

    @org.junit.jupiter.api.Test
    void anOfferIdInJsonIsRecomputedFromItsFields() {
        String json = Json.write(h100Offer("1", true)).replace("lambda:us-east-1:-:", "forged:x:-:");

        assertThat(Json.read(json, Offer.class).id()).isEqualTo("lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand");
    }

    @org.junit.jupiter.api.Test
    void malformedJsonIsAClearError() {
        assertThatThrownBy(() -> Json.read("{\"offer\": [", OfferEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid OfferEvent");
    }
}
