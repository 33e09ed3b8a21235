package dev.skyfleet.provisioner.service;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.ProvisioningCommand;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.OfferView;
import dev.skyfleet.provisioner.repository.InstanceRepository;
import dev.skyfleet.provisioner.repository.OutboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * The only place an instance changes: the row, its lifecycle event and the outbox record that publishes the event
 * to {@code skyfleet.instances.v1} are written in one transaction.
 */
@ApplicationScoped
public class InstanceLifecycle {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(InstanceLifecycle.class);
    static final String EVENT_TYPE = "dev.skyfleet.instance.lifecycle";
    static final String COMMAND_TYPE = "dev.skyfleet.provisioning.command";

    private final Pool pool;
    private final InstanceRepository instances;
    private final OutboxRepository outbox;
    private final OutboxSignal signal;
    private final Clock clock = Clock.systemUTC();

    public InstanceLifecycle(Pool pool, InstanceRepository instances, OutboxRepository outbox, OutboxSignal signal) {
        this.pool = pool;
        this.instances = instances;
        this.outbox = outbox;
        this.signal = signal;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Applies a change to a row locked by the caller's transaction; returns the new row. */
    public Uni<InstanceRow> record(SqlClient client, InstanceRow current, Change change) {
        return write(client, current, change, false);
    }

    /** Inserts a new instance (sequence 0 before the change) with its first event, in the caller's transaction. */
    public Uni<InstanceRow> recordNew(SqlClient client, InstanceRow fresh, Change change) {
        return write(client, fresh, change, true);
    }

    private Uni<InstanceRow> write(SqlClient client, InstanceRow current, Change change, boolean isNew) {
        Instant at = now();
        InstanceRow next = apply(current, change, at);
        LOG.debugf("%s #%d %s: %s (%s)", next.id(), next.sequence(), change.event(), next.state().wire(),
                change.message());
        InstanceEvent event = new InstanceEvent(next.id(), next.tenant(), next.sequence(), next.state(),
                change.event(), change.message(), next.offerId(), next.provider(), next.providerInstanceId(),
                next.price(), at);
        return (isNew ? instances.insert(client, next) : instances.update(client, next))
                .flatMap(v -> instances.insertEvent(client, event))
                .flatMap(v -> outbox.add(client, Topics.INSTANCES.name(), next.id(), EVENT_TYPE, Json.write(event), at))
                .replaceWith(next);
    }

    /**
     * Locks the instance in its own transaction, lets {@code decide} look at it and applies the change it returns.
     * {@code decide} returning null changes nothing. Returns the row after the step (null: no such instance).
     */
    public Uni<InstanceRow> transition(String instanceId, Function<InstanceRow, Change> decide) {
        return pool.withTransaction(client -> instances.lock(client, instanceId).flatMap(current -> {
            if (current == null) {
                return Uni.createFrom().nullItem();
            }
            Change change = decide.apply(current);
            return change == null ? Uni.createFrom().item(current) : record(client, current, change);
        })).invoke(this::wake);
    }

    /** Writes a command for the workers to the outbox, in the caller's transaction. */
    public Uni<ProvisioningCommand> enqueue(SqlClient client, InstanceRow row, dev.skyfleet.model.CommandType type) {
        ProvisioningCommand command = new ProvisioningCommand(UUID.randomUUID().toString(), row.id(), row.tenant(),
                type, now());
        return outbox.add(client, Topics.PROVISIONING_COMMANDS.name(), row.id(), COMMAND_TYPE, Json.write(command),
                command.issuedAt()).replaceWith(command);
    }

    /** Tells the relay that the outbox has new records (call after commit). */
    public void wake(Object ignored) {
        signal.wake();
    }

    static InstanceRow apply(InstanceRow r, Change c, Instant at) {
        InstanceState state = c.state() == null ? r.state() : c.state();
        OfferView o = c.offer();
        String providerInstanceId = c.clearProviderInstance() ? null
                : c.providerInstanceId() == null ? r.providerInstanceId() : c.providerInstanceId();
        boolean clockRestarts = c.restartClock() || state != r.state();
        return new InstanceRow(r.id(), r.tenant(), r.name(), state, r.sequence() + 1, r.placement(),
                r.sshPublicKey(), r.userData(), r.tags(),
                o == null ? r.offerId() : o.offerId(),
                o == null ? r.provider() : o.provider(),
                o == null ? r.region() : o.region(),
                o == null ? r.zone() : o.zone(),
                o == null ? r.instanceType() : o.instanceType(),
                o == null ? r.price() : o.price(),
                providerInstanceId,
                c.clearProviderInstance() ? null : c.publicIp() == null ? r.publicIp() : c.publicIp(),
                c.clearProviderInstance() ? null : c.privateIp() == null ? r.privateIp() : c.privateIp(),
                c.failureReason() == null ? r.failureReason() : c.failureReason(),
                r.terminateRequested() || c.terminateRequested(), r.createdAt(), at,
                clockRestarts ? at : r.stateSince());
    }
}
