package dev.skyfleet.provisioner.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The transactional outbox: records written with the state change that caused them. */
@ApplicationScoped
public class OutboxRepository {

    /**
     * One record waiting to be published.
     *
     * @param id order of writing
     * @param topic Kafka topic
     * @param key record key
     * @param type CloudEvents type
     * @param payload JSON value
     * @param createdAt when it was written
     */
    public record Entry(long id, String topic, String key, String type, String payload, Instant createdAt) {
    }

    public Uni<Void> add(SqlClient client, String topic, String key, String type, String payload, Instant at) {
        return client.preparedQuery("insert into outbox (topic, record_key, event_type, payload, created_at)"
                + " values ($1, $2, $3, $4, $5)")
                .execute(Sql.tuple(topic, key, type, payload, Sql.ts(at))).replaceWithVoid();
    }

    /** The oldest entries, locked for this transaction; entries another relay holds are skipped. */
    public Uni<List<Entry>> lockBatch(SqlClient client, int limit) {
        return client.preparedQuery("select id, topic, record_key, event_type, payload, created_at from outbox"
                + " order by id limit $1 for update skip locked")
                .execute(Sql.tuple(limit))
                .map(rows -> Sql.all(rows, row -> new Entry(row.getLong("id"), row.getString("topic"),
                        row.getString("record_key"), row.getString("event_type"), row.getString("payload"),
                        Sql.instant(row, "created_at"))));
    }

    public Uni<Void> delete(SqlClient client, List<Long> ids) {
        return client.preparedQuery("delete from outbox where id = any($1)")
                .execute(Sql.tuple((Object) ids.toArray(Long[]::new))).replaceWithVoid();
    }
}
