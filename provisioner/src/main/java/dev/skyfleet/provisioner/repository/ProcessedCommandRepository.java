package dev.skyfleet.provisioner.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Command ids already handled, so a redelivered command is recognised. */
@ApplicationScoped
public class ProcessedCommandRepository {
    private final Pool pool;

    public ProcessedCommandRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> seen(String commandId) {
        return pool.preparedQuery("select 1 from processed_command where command_id = $1")
                .execute(Sql.tuple(commandId)).map(rows -> rows.size() > 0);
    }

    public Uni<Void> markDone(String commandId, Instant at) {
        return pool.preparedQuery("insert into processed_command (command_id, processed_at) values ($1, $2)"
                + " on conflict do nothing")
                .execute(Sql.tuple(commandId, Sql.ts(at))).replaceWithVoid();
    }
}
