package dev.skyfleet.providers.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.providers.ProviderInstance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lambda instance JSON → {@link ProviderInstance}, with the status mapping of {@code lambda-cloud-api.md}. */
public final class LambdaInstances {
    public static final String REF_ID_TAG = "skyfleet-ref-id";
    public static final String CREDENTIAL_TAG = "skyfleet-cred";

    private LambdaInstances() {
    }

    /**
     * booting → PENDING, active → RUNNING, unhealthy → RUNNING (the raw state says unhealthy), terminating →
     * TERMINATING, terminated and preempted → TERMINATED, anything else → UNKNOWN (never PENDING).
     */
    public static InstanceState mapState(String raw) {
        if (raw == null) {
            return InstanceState.UNKNOWN;
        }
        return switch (raw) {
            case "booting" -> InstanceState.PENDING;
            case "active", "unhealthy" -> InstanceState.RUNNING;
            case "terminating" -> InstanceState.TERMINATING;
            case "terminated", "preempted" -> InstanceState.TERMINATED;
            default -> InstanceState.UNKNOWN;
        };
    }

    static ProviderInstance toInstance(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("tags")) {
            if (tag.hasNonNull("key")) {
                tags.put(tag.get("key").asText(), tag.path("value").asText(""));
            }
        }
        String raw = node.path("status").asText(null);
        Instant created = null;
        String createdText = node.path("created").asText(null);
        if (createdText != null) {
            try {
                created = Instant.parse(createdText);
            } catch (DateTimeParseException ignored) {
                created = null;
            }
        }
        return new ProviderInstance(node.path("id").asText(null), tags.get(REF_ID_TAG), tags.get(CREDENTIAL_TAG),
                node.path("name").asText(null), node.path("region").path("name").asText(null), null,
                node.path("instance_type").path("name").asText(null), mapState(raw), raw, node.path("ip").asText(null),
                node.path("private_ip").asText(null), tags, created);
    }
}
