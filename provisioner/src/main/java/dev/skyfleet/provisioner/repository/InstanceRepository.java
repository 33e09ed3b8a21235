package dev.skyfleet.provisioner.repository;

import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Price;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.Placement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Instances and their lifecycle events. Methods taking a client run inside the caller's transaction. */
@ApplicationScoped
public class InstanceRepository {
    private static final String COLUMNS = "id, tenant, name, state, sequence, placement, ssh_public_key, user_data,"
            + " tags, offer_id, provider, region, zone, instance_type, price_amount, price_currency,"
            + " provider_instance_id, public_ip, private_ip, failure_reason, terminate_requested, created_at,"
            + " updated_at, state_since";
    private static final String EVENT_COLUMNS = "instance_id, sequence, state, event, message, offer_id, provider,"
            + " provider_instance_id, price_amount, price_currency, at";

    private final Pool pool;

    public InstanceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, InstanceRow row) {
        return client.preparedQuery("insert into instance (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8,"
                + " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)")
                .execute(values(row)).replaceWithVoid();
    }

    public Uni<Void> update(SqlClient client, InstanceRow row) {
        return client.preparedQuery("update instance set tenant = $2, name = $3, state = $4, sequence = $5,"
                + " placement = $6, ssh_public_key = $7, user_data = $8, tags = $9, offer_id = $10, provider = $11,"
                + " region = $12, zone = $13, instance_type = $14, price_amount = $15, price_currency = $16,"
                + " provider_instance_id = $17, public_ip = $18, private_ip = $19, failure_reason = $20,"
                + " terminate_requested = $21, created_at = $22, updated_at = $23, state_since = $24 where id = $1")
                .execute(values(row)).replaceWithVoid();
    }

    /** Locks the instance row for the rest of the transaction; null when it does not exist. */
    public Uni<InstanceRow> lock(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + " from instance where id = $1 for update")
                .execute(Sql.tuple(id)).map(rows -> Sql.first(rows, InstanceRepository::row));
    }

    /** The tenant's instance, or null (also when it belongs to another tenant). */
    public Uni<InstanceRow> find(String tenant, String id) {
        return pool.preparedQuery("select " + COLUMNS + " from instance where id = $1 and tenant = $2")
                .execute(Sql.tuple(id, tenant)).map(rows -> Sql.first(rows, InstanceRepository::row));
    }

    public Uni<InstanceRow> findAny(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from instance where id = $1")
                .execute(Sql.tuple(id)).map(rows -> Sql.first(rows, InstanceRepository::row));
    }

    /** The tenant's instances, newest first. */
    public Uni<List<InstanceRow>> list(String tenant, InstanceState state, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from instance where tenant = $1"
                + " and ($2::text is null or state = $2) order by created_at desc, id limit $3")
                .execute(Sql.tuple(tenant, state == null ? null : state.wire(), limit))
                .map(rows -> Sql.all(rows, InstanceRepository::row));
    }

    /** Instances in one of the states whose state began before {@code before}, oldest first. */
    public Uni<List<InstanceRow>> inStates(List<InstanceState> states, Instant before, int limit) {
        String[] wires = states.stream().map(InstanceState::wire).toArray(String[]::new);
        return pool.preparedQuery("select " + COLUMNS + " from instance where state = any($1) and state_since <= $2"
                + " order by state_since limit $3")
                .execute(Sql.tuple(wires, Sql.ts(before), limit)).map(rows -> Sql.all(rows, InstanceRepository::row));
    }

    public Uni<Void> insertEvent(SqlClient client, InstanceEvent event) {
        Price price = event.pricePerHour();
        return client.preparedQuery("insert into instance_event (" + EVENT_COLUMNS
                + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Sql.tuple(event.instanceId(), event.sequence(), event.state().wire(), event.event(),
                        event.message(), event.offerId(), event.provider(), event.providerInstanceId(),
                        price == null ? null : price.amount(), price == null ? null : price.currency(),
                        Sql.ts(event.at())))
                .replaceWithVoid();
    }

    /** Every lifecycle event of an instance, in order. */
    public Uni<List<InstanceEvent>> events(String instanceId, String tenant) {
        return pool.preparedQuery("select " + EVENT_COLUMNS + " from instance_event where instance_id = $1"
                + " order by sequence")
                .execute(Sql.tuple(instanceId)).map(rows -> Sql.all(rows, row -> event(row, tenant)));
    }

    private static InstanceEvent event(Row row, String tenant) {
        return new InstanceEvent(row.getString("instance_id"), tenant, row.getLong("sequence"),
                InstanceState.fromWire(row.getString("state")), row.getString("event"), row.getString("message"),
                row.getString("offer_id"), row.getString("provider"), row.getString("provider_instance_id"),
                price(row), Sql.instant(row, "at"));
    }

    private static Price price(Row row) {
        var amount = row.getBigDecimal("price_amount");
        return amount == null ? null : new Price(amount, row.getString("price_currency"));
    }

    private static io.vertx.mutiny.sqlclient.Tuple values(InstanceRow r) {
        return Sql.tuple(r.id(), r.tenant(), r.name(), r.state().wire(), r.sequence(), Json.write(r.placement()),
                r.sshPublicKey(), r.userData(), Sql.json(r.tags()), r.offerId(), r.provider(), r.region(), r.zone(),
                r.instanceType(), r.price() == null ? null : r.price().amount(),
                r.price() == null ? null : r.price().currency(), r.providerInstanceId(), r.publicIp(), r.privateIp(),
                r.failureReason(), r.terminateRequested(), Sql.ts(r.createdAt()), Sql.ts(r.updatedAt()),
                Sql.ts(r.stateSince()));
    }

    static InstanceRow row(Row row) {
        return new InstanceRow(row.getString("id"), row.getString("tenant"), row.getString("name"),
                InstanceState.fromWire(row.getString("state")), row.getLong("sequence"),
                Json.read(row.getString("placement"), Placement.class), row.getString("ssh_public_key"),
                row.getString("user_data"), Sql.stringMap(row.getString("tags")), row.getString("offer_id"),
                row.getString("provider"), row.getString("region"), row.getString("zone"),
                row.getString("instance_type"), price(row), row.getString("provider_instance_id"),
                row.getString("public_ip"), row.getString("private_ip"), row.getString("failure_reason"),
                row.getBoolean("terminate_requested"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"),
                Sql.instant(row, "state_since"));
    }
}
