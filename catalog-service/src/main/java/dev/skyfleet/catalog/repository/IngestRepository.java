package dev.skyfleet.catalog.repository;

import dev.skyfleet.catalog.mapping.InstanceTypeRow;
import dev.skyfleet.catalog.mapping.OfferRow;
import dev.skyfleet.catalog.mapping.ProviderStatusRow;
import dev.skyfleet.model.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes what the consumers read from Kafka. Every statement is an idempotent, ordered upsert: a row is replaced
 * only by a strictly newer observation, so replays and late, older events change nothing. A batch travels as one
 * JSON parameter; no SQL is built from values.
 */
@ApplicationScoped
public class IngestRepository {
    /** Serialises change-log writers so change ids become visible in id order (SSE resume relies on it). */
    static final long CHANGE_LOG_LOCK = 7_311_842L;

    private static final String OFFER_COLUMNS = "id, provider, cloud, region, zone, instance_type, usage, gpu_model, "
            + "gpu_count, gpu_memory_gb, gpu_total_memory_gb, gpu_interconnect, gpu_manufacturer, gpu_raw, vcpus, "
            + "memory_gib, storage_gb, arch, capabilities, price, currency, available, removed, source, spec_hash, "
            + "observed_at, event_at";

    static final String UPSERT_OFFERS = """
            with input as (
              select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(
                id text, provider text, cloud text, region text, zone text, instance_type text, usage text,
                gpu_model text, gpu_count numeric, gpu_memory_gb numeric, gpu_total_memory_gb numeric,
                gpu_interconnect text, gpu_manufacturer text, gpu_raw text, vcpus numeric, memory_gib numeric,
                storage_gb numeric, arch text, capabilities text, price numeric, currency text, available boolean,
                removed boolean, source text, spec_hash text, observed_at timestamptz, event_at timestamptz)
            ),
            prev as (
              select o.id, o.price, o.available, o.removed, o.spec_hash from offer o join input i on i.id = o.id
            ),
            upserted as (
              insert into offer as o (%1$s)
              select %1$s from input
              on conflict (id) do update set
                provider = excluded.provider, cloud = excluded.cloud, region = excluded.region, zone = excluded.zone,
                instance_type = excluded.instance_type, usage = excluded.usage, gpu_model = excluded.gpu_model,
                gpu_count = excluded.gpu_count, gpu_memory_gb = excluded.gpu_memory_gb,
                gpu_total_memory_gb = excluded.gpu_total_memory_gb, gpu_interconnect = excluded.gpu_interconnect,
                gpu_manufacturer = excluded.gpu_manufacturer, gpu_raw = excluded.gpu_raw, vcpus = excluded.vcpus,
                memory_gib = excluded.memory_gib, storage_gb = excluded.storage_gb, arch = excluded.arch,
                capabilities = excluded.capabilities, price = excluded.price, currency = excluded.currency,
                available = excluded.available, removed = excluded.removed, source = excluded.source,
                spec_hash = excluded.spec_hash, observed_at = excluded.observed_at, event_at = excluded.event_at,
                updated_at = now()
              where (excluded.observed_at, excluded.event_at) > (o.observed_at, o.event_at)
              returning o.id, o.price, o.currency, o.available, o.removed, o.spec_hash, o.observed_at, o.event_at
            ),
            changed as (
              select u.*, cast(json_build_object(
                       'id', i.id, 'provider', i.provider, 'cloud', i.cloud, 'region', i.region, 'zone', i.zone,
                       'instanceType', i.instance_type, 'usage', i.usage,
                       'gpu', case when i.gpu_model is not null then json_build_object('model', i.gpu_model,
                           'count', i.gpu_count, 'memoryGb', i.gpu_memory_gb, 'totalMemoryGb', i.gpu_total_memory_gb,
                           'interconnect', i.gpu_interconnect, 'manufacturer', i.gpu_manufacturer, 'raw', i.gpu_raw)
                           end,
                       'vcpus', i.vcpus, 'memoryGb', i.memory_gib, 'storageGb', i.storage_gb, 'arch', i.arch,
                       'capabilities', to_json(string_to_array(i.capabilities, ',')),
                       'pricePerHour', case when i.price is not null then json_build_object('amount', i.price,
                           'currency', i.currency) end,
                       'pricePerGpu', case when i.gpu_count > 0 then trim_scale(round(i.price / i.gpu_count, 6)) end,
                       'available', i.available, 'removed', i.removed, 'source', i.source,
                       'observedAt', i.observed_at) as text) as offer_json,
                     p.id is null as is_new, p.price as prev_price, p.available as prev_available,
                     coalesce(p.removed, false) as prev_removed, p.spec_hash as prev_spec_hash
              from upserted u join input i on i.id = u.id left join prev p on p.id = u.id
            ),
            history as (
              insert into offer_history (offer_id, price, currency, available, removed, observed_at)
              select id, price, currency, available, removed, observed_at from changed
              where is_new or prev_price is distinct from price or prev_available is distinct from available
                 or prev_removed <> removed
            ),
            kinds as (
              select c.*, concat_ws(',',
                  case when not c.removed and (c.is_new or c.prev_removed) then 'added' end,
                  case when c.removed and not c.is_new and not c.prev_removed then 'removed' end,
                  case when not c.removed and not c.is_new and not c.prev_removed
                            and c.prev_price is distinct from c.price then 'price' end,
                  case when not c.removed and not c.is_new and not c.prev_removed
                            and c.prev_available is distinct from c.available then 'availability' end,
                  case when not c.removed and not c.is_new and not c.prev_removed
                            and c.prev_spec_hash is distinct from c.spec_hash then 'updated' end) as kind_list
              from changed c
            )
            insert into pending_change (offer_id, kinds, offer_json, previous_price, previous_available, changed_at)
            select id, kind_list, offer_json,
                   case when prev_price is distinct from price then prev_price end,
                   case when prev_available is distinct from available then prev_available end,
                   event_at
            from kinds where kind_list <> ''
            """.formatted(OFFER_COLUMNS);

    /** Per-connection staging table for the changes of the current transaction. */
    static final String CREATE_PENDING = """
            do $$ begin
              if to_regclass('pg_temp.pending_change') is null then
                create temp table pending_change (
                  seq bigserial, offer_id text not null, kinds text not null, offer_json text not null,
                  previous_price numeric, previous_available boolean, changed_at timestamptz not null
                ) on commit delete rows;
              end if;
            end $$
            """;

    static final String PUBLISH_PENDING = """
            insert into offer_change (offer_id, kinds, offer_json, previous_price, previous_available, changed_at)
            select offer_id, kinds, offer_json, previous_price, previous_available, changed_at
            from pending_change order by seq
            """;

    static final String UPSERT_INSTANCE_TYPES = """
            insert into instance_type as t (provider, name, vcpus, memory_gib, storage_gb, gpu_model, gpu_count,
                gpu_memory_gb, gpu_interconnect, gpu_manufacturer, gpu_raw, arch, capabilities, network_performance,
                description, removed, observed_at)
            select provider, name, vcpus, memory_gib, storage_gb, gpu_model, gpu_count, gpu_memory_gb,
                   gpu_interconnect, gpu_manufacturer, gpu_raw, arch, capabilities, network_performance, description,
                   removed, observed_at
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(provider text, name text, vcpus numeric,
                memory_gib numeric, storage_gb numeric, gpu_model text, gpu_count numeric, gpu_memory_gb numeric,
                gpu_interconnect text, gpu_manufacturer text, gpu_raw text, arch text, capabilities text,
                network_performance text, description text, removed boolean, observed_at timestamptz)
            on conflict (provider, name) do update set
                vcpus = excluded.vcpus, memory_gib = excluded.memory_gib, storage_gb = excluded.storage_gb,
                gpu_model = excluded.gpu_model, gpu_count = excluded.gpu_count, gpu_memory_gb = excluded.gpu_memory_gb,
                gpu_interconnect = excluded.gpu_interconnect, gpu_manufacturer = excluded.gpu_manufacturer,
                gpu_raw = excluded.gpu_raw, arch = excluded.arch, capabilities = excluded.capabilities,
                network_performance = excluded.network_performance, description = excluded.description,
                removed = excluded.removed, observed_at = excluded.observed_at, updated_at = now()
            where excluded.observed_at > t.observed_at
            """;

    static final String UPSERT_PROVIDER_STATUS = """
            insert into provider_status as s (provider, state, last_success_at, last_attempt_at, last_error,
                offer_count, poll_interval_s, capabilities, status_at)
            select provider, state, last_success_at, last_attempt_at, last_error, offer_count, poll_interval_s,
                   capabilities, status_at
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(provider text, state text,
                last_success_at timestamptz, last_attempt_at timestamptz, last_error text, offer_count integer,
                poll_interval_s bigint, capabilities text, status_at timestamptz)
            on conflict (provider) do update set
                state = excluded.state, last_success_at = excluded.last_success_at,
                last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error,
                offer_count = excluded.offer_count, poll_interval_s = excluded.poll_interval_s,
                capabilities = excluded.capabilities, status_at = excluded.status_at, updated_at = now()
            where excluded.status_at > s.status_at
            """;

    private final Mutiny.SessionFactory sessions;

    public IngestRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Applies offer rows in one transaction. Each round holds at most one row per offer id (a statement cannot
     * touch a row twice); rounds run in order, so several events of one offer in a batch apply oldest first.
     *
     * @return change-log rows written (visible changes)
     */
    public Uni<Integer> upsertOffers(List<List<OfferRow>> rounds) {
        // The expensive upserts run in parallel across consumers; only moving the staged changes into the change
        // log (short) is serialised, so change ids still become visible in id order.
        return sessions.withTransaction((session, tx) -> session
                // one plan per connection instead of re-planning around a multi-megabyte parameter every batch
                .createNativeQuery("set local plan_cache_mode = force_generic_plan").executeUpdate()
                .chain(() -> session.createNativeQuery(CREATE_PENDING).executeUpdate())
                .chain(() -> applyRounds(session, rounds, 0, 0))
                .chain(changes -> changes == 0 ? Uni.createFrom().item(0)
                        : session.createNativeQuery("select pg_advisory_xact_lock(" + CHANGE_LOG_LOCK + ")")
                                .getSingleResult()
                                .chain(() -> session.createNativeQuery(PUBLISH_PENDING).executeUpdate())));
    }

    private Uni<Integer> applyRounds(Mutiny.Session session, List<List<OfferRow>> rounds, int index, int total) {
        if (index >= rounds.size()) {
            return Uni.createFrom().item(total);
        }
        return session.createNativeQuery(UPSERT_OFFERS).setParameter("rows", Json.write(rounds.get(index)))
                .executeUpdate()
                .chain(count -> applyRounds(session, rounds, index + 1, total + count));
    }

    public Uni<Integer> upsertInstanceTypes(List<InstanceTypeRow> rows) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(UPSERT_INSTANCE_TYPES)
                .setParameter("rows", Json.write(rows)).executeUpdate());
    }

    public Uni<Integer> upsertProviderStatus(List<ProviderStatusRow> rows) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(UPSERT_PROVIDER_STATUS)
                .setParameter("rows", Json.write(rows)).executeUpdate());
    }
}
