package dev.skyfleet.provisioner.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The audit trail of mutating API calls. */
@ApplicationScoped
public class AuditRepository {

    /**
     * One audited call.
     *
     * @param at when
     * @param tenant caller's tenant; null when the token was not valid
     * @param tokenId caller's token id; null when the token was not valid
     * @param method HTTP method
     * @param path request path (ids only; bodies are never audited)
     * @param status HTTP status answered
     */
    public record AuditRecord(Instant at, String tenant, String tokenId, String method, String path, int status) {
    }

    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> add(AuditRecord r) {
        return pool.preparedQuery("insert into audit_record (at, tenant, token_id, method, path, status)"
                + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Sql.tuple(Sql.ts(r.at()), r.tenant(), r.tokenId(), r.method(), r.path(), r.status()))
                .replaceWithVoid();
    }

    public Uni<List<AuditRecord>> forTenant(String tenant, int limit) {
        return pool.preparedQuery("select at, tenant, token_id, method, path, status from audit_record"
                + " where tenant = $1 order by id desc limit $2")
                .execute(Sql.tuple(tenant, limit))
                .map(rows -> Sql.all(rows, row -> new AuditRecord(Sql.instant(row, "at"), row.getString("tenant"),
                        row.getString("token_id"), row.getString("method"), row.getString("path"),
                        row.getInteger("status"))));
    }
}
