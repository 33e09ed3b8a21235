package dev.skyfleet.provisioner.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Idempotency keys per tenant. */
@ApplicationScoped
public class IdempotencyRepository {

    /**
     * What a key already stands for.
     *
     * @param requestHash SHA-256 of the canonical request body
     * @param instanceId the instance created for it
     */
    public record Claim(String requestHash, String instanceId) {
    }

    /**
     * Claims the key for a new instance inside the caller's transaction.
     *
     * @return null when the key was free (now claimed), else what it already stands for
     */
    public Uni<Claim> claim(SqlClient client, String tenant, String key, String requestHash, String instanceId,
            Instant at) {
        return client.preparedQuery("insert into idempotency_key (tenant, key, request_hash, instance_id, created_at)"
                + " values ($1, $2, $3, $4, $5) on conflict do nothing")
                .execute(Sql.tuple(tenant, key, requestHash, instanceId, Sql.ts(at)))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().nullItem()
                        : client.preparedQuery("select request_hash, instance_id from idempotency_key"
                                + " where tenant = $1 and key = $2")
                                .execute(Sql.tuple(tenant, key))
                                .map(found -> Sql.first(found, row -> new Claim(row.getString("request_hash"),
                                        row.getString("instance_id")))));
    }
}
