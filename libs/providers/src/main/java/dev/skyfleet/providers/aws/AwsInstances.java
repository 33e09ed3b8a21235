package dev.skyfleet.providers.aws;

import dev.skyfleet.model.InstanceState;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ProviderInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 instance ↔ {@link ProviderInstance}: state mapping, the tags we write and read back, the launch
 * {@code ClientToken} and the key pair name. Pure functions, no SDK calls.
 */
public final class AwsInstances {
    public static final String REF_ID_TAG = "skyfleet-ref-id";
    public static final String CREDENTIAL_TAG = "skyfleet-cred";
    public static final String NAME_TAG = "Name";
    private static final int MAX_TAG_KEY = 128;
    private static final int MAX_TAG_VALUE = 256;

    private AwsInstances() {
    }

    /**
     * pending → PENDING, running → RUNNING, stopping → STOPPING, stopped → STOPPED, shutting-down → TERMINATING,
     * terminated → TERMINATED, anything else (or null) → UNKNOWN, never PENDING.
     */
    public static InstanceState mapState(String raw) {
        if (raw == null) {
            return InstanceState.UNKNOWN;
        }
        return switch (raw) {
            case "pending" -> InstanceState.PENDING;
            case "running" -> InstanceState.RUNNING;
            case "stopping" -> InstanceState.STOPPING;
            case "stopped" -> InstanceState.STOPPED;
            case "shutting-down" -> InstanceState.TERMINATING;
            case "terminated" -> InstanceState.TERMINATED;
            default -> InstanceState.UNKNOWN;
        };
    }

    /**
     * The RunInstances idempotency token for a refId: {@code skyfleet-} + the first 48 hex digits of
     * SHA-256(refId), 57 ASCII characters (EC2 allows 64). The same refId always gives the same token, so a retried
     * create returns the instance the first call launched instead of launching a second one.
     */
    public static String clientToken(String refId) {
        return "skyfleet-" + sha256Hex(refId).substring(0, 48);
    }

    /**
     * The key pair name for a launch: {@code skyfleet-<refId, sanitised>-<8 hex of SHA-256(public key)>}, so a
     * retried create finds its own key ({@code InvalidKeyPair.Duplicate} is then harmless) and a different key never
     * silently reuses an old one.
     */
    public static String keyName(String refId, String publicKey) {
        String safe = refId.replaceAll("[^A-Za-z0-9._-]", "-");
        if (safe.length() > 200) {
            safe = safe.substring(0, 200);
        }
        return "skyfleet-" + safe + "-" + sha256Hex(publicKey.trim()).substring(0, 8);
    }

    /**
     * The tags written at launch: the user's tags (keys starting with {@code aws:} and over-long keys/values
     * dropped), then {@code Name}, {@code skyfleet-ref-id} and {@code skyfleet-cred}, which the user cannot override.
     */
    static Map<String, String> launchTags(CreateInstanceRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        request.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (key == null || key.isBlank() || key.length() > MAX_TAG_KEY || value.length() > MAX_TAG_VALUE
                    || key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                return;
            }
            tags.put(key, value);
        });
        String name = request.name() == null || request.name().isBlank() ? "skyfleet-" + request.refId()
                : request.name();
        tags.put(NAME_TAG, truncate(name, MAX_TAG_VALUE));
        tags.put(REF_ID_TAG, request.refId());
        if (request.credentialRef() != null && !request.credentialRef().isBlank()) {
            tags.put(CREDENTIAL_TAG, request.credentialRef());
        }
        return tags;
    }

    static Map<String, String> tags(Instance instance) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (instance.hasTags()) {
            for (Tag tag : instance.tags()) {
                if (tag.key() != null) {
                    tags.put(tag.key(), tag.value() == null ? "" : tag.value());
                }
            }
        }
        return tags;
    }

    /** Maps one EC2 instance; refId and credentialRef come from our tags (null when the instance has none). */
    static ProviderInstance toInstance(Instance instance, String region) {
        return toInstance(instance, region, tags(instance));
    }

    static ProviderInstance toInstance(Instance instance, String region, Map<String, String> tags) {
        String raw = instance.state() == null ? null : instance.state().nameAsString();
        String zone = instance.placement() == null ? null : instance.placement().availabilityZone();
        return new ProviderInstance(instance.instanceId(), tags.get(REF_ID_TAG), tags.get(CREDENTIAL_TAG),
                tags.get(NAME_TAG), region, zone, instance.instanceTypeAsString(), mapState(raw), raw,
                instance.publicIpAddress(), instance.privateIpAddress(), tags, instance.launchTime());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
