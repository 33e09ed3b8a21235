package dev.skyfleet.providers.shadeform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.providers.ProviderInstance;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Shadeform instance JSON → {@link ProviderInstance}; tags are {@code key=value} strings. */
public final class ShadeformInstances {
    public static final String REF_ID_TAG = "skyfleet-ref-id";
    public static final String CREDENTIAL_TAG = "skyfleet-cred";

    private ShadeformInstances() {
    }

    /**
     * creating, pending_provider, pending → PENDING; active → RUNNING; error → FAILED; deleting → TERMINATING;
     * deleted → TERMINATED; anything else → UNKNOWN (never PENDING).
     */
    public static InstanceState mapState(String raw) {
        if (raw == null) {
            return InstanceState.UNKNOWN;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "creating", "pending_provider", "pending" -> InstanceState.PENDING;
            case "active" -> InstanceState.RUNNING;
            case "error" -> InstanceState.FAILED;
            case "deleting" -> InstanceState.TERMINATING;
            case "deleted" -> InstanceState.TERMINATED;
            default -> InstanceState.UNKNOWN;
        };
    }

    static ProviderInstance toInstance(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("tags")) {
            String text = tag.asText("");
            int eq = text.indexOf('=');
            if (eq > 0) {
                tags.put(text.substring(0, eq), text.substring(eq + 1));
            } else if (!text.isEmpty()) {
                tags.put(text, "");
            }
        }
        String raw = node.path("status").asText(null);
        Instant created = null;
        String createdText = node.path("created_at").asText(null);
        if (createdText != null) {
            try {
                created = OffsetDateTime.parse(createdText).toInstant();
            } catch (DateTimeParseException ignored) {
                created = null;
            }
        }
        String cloud = node.path("cloud").asText("").toLowerCase(Locale.ROOT);
        String shadeType = node.path("shade_instance_type").asText("");
        String ip = node.path("ip").asText(null);
        return new ProviderInstance(node.path("id").asText(null), tags.get(REF_ID_TAG), tags.get(CREDENTIAL_TAG),
                node.path("name").asText(null), node.path("region").asText(null), null,
                cloud.isEmpty() || shadeType.isEmpty() ? null : cloud + "_" + shadeType, mapState(raw), raw,
                ip == null || ip.isBlank() ? null : ip, null, tags, created);
    }
}
