package dev.skyfleet.provisioner.service;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.CommandType;
import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.OfferId;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.provisioner.Caller;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.Placement;
import dev.skyfleet.provisioner.rest.CreateInstanceBody;
import dev.skyfleet.provisioner.repository.IdempotencyRepository;
import dev.skyfleet.provisioner.repository.InstanceRepository;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the HTTP API does: accept, read, terminate and act on a tenant's instances. */
@ApplicationScoped
public class InstanceService {
    private final Pool pool;
    private final InstanceRepository instances;
    private final IdempotencyRepository idempotency;
    private final OfferViewRepository offers;
    private final InstanceLifecycle lifecycle;
    private final ProviderDirectory providers;

    public InstanceService(Pool pool, InstanceRepository instances, IdempotencyRepository idempotency,
            OfferViewRepository offers, InstanceLifecycle lifecycle, ProviderDirectory providers) {
        this.pool = pool;
        this.instances = instances;
        this.idempotency = idempotency;
        this.offers = offers;
        this.lifecycle = lifecycle;
        this.providers = providers;
    }

    /**
     * The instance a create request stands for.
     *
     * @param instance the instance
     * @param replayed true when the idempotency key had already been used with this body
     */
    public record Accepted(InstanceRow instance, boolean replayed) {
    }

    /**
     * Accepts a create request: the instance (state {@code requested}), its first event and the create command
     * are written in one transaction. The same key with the same body returns the same instance; with another
     * body, 409.
     */
    public Uni<Accepted> create(Caller caller, String idempotencyKey, CreateInstanceBody body) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Uni.createFrom().failure(ApiException.badParameter("Idempotency-Key",
                    "the Idempotency-Key header is required (a unique value per intended instance)"));
        }
        if (idempotencyKey.length() > 255) {
            return Uni.createFrom().failure(ApiException.badParameter("Idempotency-Key",
                    "the Idempotency-Key header must be at most 255 characters"));
        }
        validate(body);
        String hash = sha256(Json.write(body));
        Instant now = lifecycle.now();
        String id = "i-" + UUID.randomUUID().toString().replace("-", "");
        InstanceRow fresh = new InstanceRow(id, caller.tenant(), body.name(), InstanceState.REQUESTED, 0,
                body.placement(), body.sshPublicKey(), body.userData(), body.tags(), null, null, null, null, null,
                null, null, null, null, null, false, now, now, now);
        return pool.withTransaction(client -> idempotency.claim(client, caller.tenant(), idempotencyKey, hash, id, now)
                .flatMap(claim -> {
                    if (claim == null) {
                        return lifecycle.recordNew(client, fresh, Change.event("requested",
                                        "accepted: " + describe(body.placement())))
                                .call(row -> lifecycle.enqueue(client, row, CommandType.CREATE))
                                .map(row -> new Accepted(row, false));
                    }
                    if (!claim.requestHash().equals(hash)) {
                        return Uni.createFrom().failure(ApiException.conflict("idempotency-key-reused",
                                "this Idempotency-Key was already used with a different request body",
                                Map.of("parameter", "Idempotency-Key")));
                    }
                    return instances.lock(client, claim.instanceId()).map(row -> new Accepted(row, true));
                }))
                .invoke(accepted -> lifecycle.wake(accepted));
    }

    public Uni<InstanceRow> get(Caller caller, String id) {
        return instances.find(caller.tenant(), id).map(row -> found(row, id));
    }

    public Uni<List<InstanceEvent>> events(Caller caller, String id) {
        return instances.events(id, caller.tenant());
    }

    public Uni<List<InstanceRow>> list(Caller caller, InstanceState state, int limit) {
        return instances.list(caller.tenant(), state, limit);
    }

    /** Accepts a terminate. Idempotent: a second call changes nothing and answers the same. */
    public Uni<InstanceRow> terminate(Caller caller, String id) {
        return pool.withTransaction(client -> instances.lock(client, id).flatMap(row -> {
            if (row == null || !row.tenant().equals(caller.tenant())) {
                return Uni.createFrom().failure(ApiException.notFound("instance " + id));
            }
            if (row.terminateRequested() || row.state() == InstanceState.TERMINATED
                    || row.state() == InstanceState.TERMINATING
                    || (row.state() == InstanceState.FAILED && row.providerInstanceId() == null)) {
                return Uni.createFrom().item(row);
            }
            return lifecycle.record(client, row, Change.event("terminate-requested", "terminate accepted")
                    .requestingTerminate())
                    .call(next -> lifecycle.enqueue(client, next, CommandType.TERMINATE));
        })).invoke(lifecycle::wake);
    }

    /** Accepts a reboot, stop or start after checking provider, instance type and state allow it. */
    public Uni<InstanceRow> act(Caller caller, String id, CommandType action) {
        return instances.find(caller.tenant(), id).map(row -> found(row, id))
                .flatMap(row -> row.offerId() == null ? Uni.createFrom().item((dev.skyfleet.provisioner.OfferView) null)
                        : offers.find(row.offerId()))
                .flatMap(offer -> pool.withTransaction(client -> instances.lock(client, id).flatMap(row -> {
                    refuseUnlessAllowed(row, offer, action);
                    return lifecycle.record(client, row, Change.event(action.wire() + "-requested",
                            action.wire() + " accepted"))
                            .call(next -> lifecycle.enqueue(client, next, action));
                }))).invoke(lifecycle::wake);
    }

    private void refuseUnlessAllowed(InstanceRow row, dev.skyfleet.provisioner.OfferView offer, CommandType action) {
        Capability needed = action == CommandType.REBOOT ? Capability.REBOOT_INSTANCE : Capability.STOP_START_INSTANCE;
        if (row.providerInstanceId() == null || row.provider() == null) {
            throw refusal(needed, "instance " + row.id() + " is " + row.state().wire()
                    + " and has no machine at a provider yet");
        }
        var provider = providers.find(row.provider());
        if (provider.isEmpty() || !provider.get().capabilities().contains(needed)) {
            throw refusal(needed, "provider " + row.provider() + " does not support " + needed.wire());
        }
        if (offer != null && !offer.typeAllows(needed)) {
            throw refusal(needed, "instance type " + row.instanceType() + " of " + row.provider()
                    + " does not support " + needed.wire());
        }
        InstanceState required = action == CommandType.START ? InstanceState.STOPPED : InstanceState.RUNNING;
        if (row.state() != required || row.terminateRequested()) {
            throw refusal(needed, action.wire() + " needs the instance " + required.wire() + " but it is "
                    + (row.terminateRequested() ? "being terminated" : row.state().wire()));
        }
    }

    private static ApiException refusal(Capability capability, String detail) {
        return ApiException.conflict("capability-refused", detail, Map.of("capability", capability.wire()));
    }

    private static InstanceRow found(InstanceRow row, String id) {
        if (row == null) {
            throw ApiException.notFound("instance " + id);
        }
        return row;
    }

    private static void validate(CreateInstanceBody body) {
        String keyProblem = SshKeys.problem(body.sshPublicKey());
        if (keyProblem != null) {
            throw ApiException.badField("sshPublicKey", keyProblem);
        }
        Placement p = body.placement();
        if (p.offerId() != null) {
            try {
                OfferId.parse(p.offerId());
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("placement.offerId", e.getMessage());
            }
        }
        if (p.usageClass() != null && UsageClass.fromWire(p.usageClass()) == null) {
            throw ApiException.badField("placement.usageClass", "usageClass must be on-demand or spot");
        }
        if (p.gpuCount() != null && p.gpuCount() < 0) {
            throw ApiException.badField("placement.gpuCount", "gpuCount must not be negative");
        }
        if (p.maxPricePerHour() != null && p.maxPricePerHour().signum() <= 0) {
            throw ApiException.badField("placement.maxPricePerHour", "maxPricePerHour must be positive");
        }
    }

    static String describe(Placement p) {
        if (p.offerId() != null) {
            return "offer " + p.offerId()
                    + (p.maxPricePerHour() == null ? "" : " at most $" + p.maxPricePerHour() + "/h");
        }
        StringBuilder s = new StringBuilder();
        if (p.gpuModel() != null) {
            s.append(p.gpuCount() == null ? "" : p.gpuCount() + "x").append(p.gpuModel()).append(' ');
        }
        if (p.maxPricePerHour() != null) {
            s.append("under $").append(p.maxPricePerHour().toPlainString()).append("/h ");
        }
        s.append(p.providers().isEmpty() ? "any provider" : "providers " + p.providers());
        if (!p.regions().isEmpty()) {
            s.append(" regions ").append(p.regions());
        }
        return s.toString().trim();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
