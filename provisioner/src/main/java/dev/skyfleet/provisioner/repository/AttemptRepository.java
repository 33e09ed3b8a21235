package dev.skyfleet.provisioner.repository;

import dev.skyfleet.provisioner.LaunchAttempt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Launch attempts, recorded before the provider is called. */
@ApplicationScoped
public class AttemptRepository {
    private static final String COLUMNS = "instance_id, attempt, offer_id, provider, region, ref_id, status,"
            + " provider_instance_id, error_kind, message, started_at, finished_at";

    private final Pool pool;

    public AttemptRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, LaunchAttempt a) {
        return client.preparedQuery("insert into launch_attempt (" + COLUMNS
                + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Sql.tuple(a.instanceId(), a.attempt(), a.offerId(), a.provider(), a.region(), a.refId(),
                        a.status().wire(), a.providerInstanceId(), a.errorKind(), a.message(),
                        Sql.ts(a.startedAt()), Sql.ts(a.finishedAt())))
                .replaceWithVoid();
    }

    /**
     * Records the outcome of an attempt that is still in flight.
     *
     * @return false when the attempt was no longer in flight (someone else settled it)
     */
    public Uni<Boolean> settle(SqlClient client, String instanceId, int attempt, LaunchAttempt.Status status,
            String providerInstanceId, String errorKind, String message, Instant at) {
        return client.preparedQuery("update launch_attempt set status = $3, provider_instance_id = $4,"
                + " error_kind = $5, message = $6, finished_at = $7"
                + " where instance_id = $1 and attempt = $2 and status = 'in-flight'")
                .execute(Sql.tuple(instanceId, attempt, status.wire(), providerInstanceId, errorKind, message,
                        Sql.ts(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<LaunchAttempt>> forInstance(SqlClient client, String instanceId) {
        return client.preparedQuery("select " + COLUMNS
                + " from launch_attempt where instance_id = $1 order by attempt")
                .execute(Sql.tuple(instanceId)).map(rows -> Sql.all(rows, AttemptRepository::row));
    }

    public Uni<List<LaunchAttempt>> forInstance(String instanceId) {
        return forInstance(pool, instanceId);
    }

    /** Attempts still in flight that were recorded before {@code before}: their worker probably died. */
    public Uni<List<LaunchAttempt>> inDoubt(Instant before, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from launch_attempt where status = 'in-flight'"
                + " and started_at <= $1 order by started_at limit $2")
                .execute(Sql.tuple(Sql.ts(before), limit)).map(rows -> Sql.all(rows, AttemptRepository::row));
    }

    private static LaunchAttempt row(Row row) {
        return new LaunchAttempt(row.getString("instance_id"), row.getInteger("attempt"), row.getString("offer_id"),
                row.getString("provider"), row.getString("region"), row.getString("ref_id"),
                LaunchAttempt.Status.fromWire(row.getString("status")), row.getString("provider_instance_id"),
                row.getString("error_kind"), row.getString("message"), Sql.instant(row, "started_at"),
                Sql.instant(row, "finished_at"));
    }
}
