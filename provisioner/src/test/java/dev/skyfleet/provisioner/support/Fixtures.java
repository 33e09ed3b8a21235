package dev.skyfleet.provisioner.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import dev.skyfleet.provisioner.service.TokenService;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Test data: unique tenants, tokens, SSH keys, offers published through the real broker. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A syntactically valid ed25519 OpenSSH public key. */
    public static String sshKey() {
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[32];
        new java.util.Random().nextBytes(key);
        ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + key.length);
        blob.putInt(type.length).put(type).putInt(key.length).put(key);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " test@skyfleet";
    }

    public static String token(TokenService tokens, String tenant, Role role) {
        return tokens.create(tenant, role, "test").await().atMost(Duration.ofSeconds(10)).token();
    }

    public static InstanceTypeSpec gpuType(String provider, String type, String gpuModel, int gpus,
            Set<Capability> capabilities) {
        return new InstanceTypeSpec(provider, type, new BigDecimal("32"), new BigDecimal("256"), null,
                new Gpu(gpuModel, BigDecimal.valueOf(gpus), new BigDecimal("80"), null, null, gpus + "x " + gpuModel),
                Architecture.X86_64, capabilities, null, "test type");
    }

    public static Offer offer(String provider, String region, String type, String gpuModel, int gpus, String price) {
        return offer(provider, region, type, gpuModel, gpus, price, Set.of());
    }

    public static Offer offer(String provider, String region, String type, String gpuModel, int gpus, String price,
            Set<Capability> typeCapabilities) {
        return Offer.of(provider, null, region, null, UsageClass.ON_DEMAND,
                gpuType(provider, type, gpuModel, gpus, typeCapabilities), Price.usd(price), true, OfferSource.API,
                Instant.now());
    }

    /** Publishes offers on skyfleet.offers.v1 and waits until the provisioner's view has them all. */
    public static void publish(KafkaCompanion kafka, OfferViewRepository view, Offer... offers) {
        for (Offer offer : offers) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OFFERS.name(), offer.id(),
                    Json.write(OfferEvent.added(offer, Instant.now())))).awaitCompletion(Duration.ofSeconds(20));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(offers).stream().allMatch(o -> view.find(o.id())
                .await().atMost(Duration.ofSeconds(5)) != null));
    }

    /** A create body for a placement. */
    public static Map<String, Object> body(String name, Map<String, Object> placement) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("sshPublicKey", sshKey());
        body.put("tags", Map.of("team", "ml"));
        body.put("placement", placement);
        return body;
    }

    /** Creates an instance over HTTP and returns its id. */
    public static String create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/instances")
                .then().statusCode(202).extract().path("id");
    }

    public static JsonPath get(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/v1/instances/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits until the instance is in the state, and returns it. */
    public static JsonPath awaitState(String token, String id, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(get(token, id).getString("state")));
        return get(token, id);
    }

    public static List<String> eventNames(JsonPath instance) {
        return instance.getList("events.event", String.class);
    }
}
