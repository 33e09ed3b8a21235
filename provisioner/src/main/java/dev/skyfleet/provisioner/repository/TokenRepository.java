package dev.skyfleet.provisioner.repository;

import dev.skyfleet.provisioner.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** API tokens, stored as SHA-256 hashes only. */
@ApplicationScoped
public class TokenRepository {

    /**
     * A stored token (without the token).
     *
     * @param id public id of the token
     * @param tenant tenant it belongs to
     * @param role what it may do
     * @param description free text
     * @param createdAt when it was created
     * @param revokedAt when it was revoked, or null
     */
    public record StoredToken(String id, String tenant, Role role, String description, Instant createdAt,
            Instant revokedAt) {
    }

    private final Pool pool;

    public TokenRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(StoredToken token, String hash) {
        return pool.preparedQuery("insert into api_token (id, tenant, role, token_hash, description, created_at)"
                + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Sql.tuple(token.id(), token.tenant(), token.role().wire(), hash, token.description(),
                        Sql.ts(token.createdAt())))
                .replaceWithVoid();
    }

    /** The valid (not revoked) token with this hash, or null. */
    public Uni<StoredToken> findValidByHash(String hash) {
        return pool.preparedQuery("select id, tenant, role, description, created_at, revoked_at from api_token"
                + " where token_hash = $1 and revoked_at is null")
                .execute(Sql.tuple(hash)).map(rows -> Sql.first(rows, TokenRepository::row));
    }

    public Uni<List<StoredToken>> list(String tenant) {
        return pool.preparedQuery("select id, tenant, role, description, created_at, revoked_at from api_token"
                + " where ($1::text is null or tenant = $1) order by created_at, id")
                .execute(Sql.tuple(tenant)).map(rows -> Sql.all(rows, TokenRepository::row));
    }

    /** @return false when there is no such token */
    public Uni<Boolean> revoke(String id, Instant at) {
        return pool.preparedQuery("update api_token set revoked_at = coalesce(revoked_at, $2) where id = $1")
                .execute(Sql.tuple(id, Sql.ts(at))).map(rows -> rows.rowCount() == 1);
    }

    private static StoredToken row(Row row) {
        return new StoredToken(row.getString("id"), row.getString("tenant"), Role.fromWire(row.getString("role")),
                row.getString("description"), Sql.instant(row, "created_at"), Sql.instant(row, "revoked_at"));
    }
}
