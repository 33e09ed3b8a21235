-- The catalog: current offers, their price/availability history, a change log for event streams,
-- instance types and provider status. Written by the Kafka consumers only; read by the HTTP API.

create table offer (
    id                  text primary key,
    provider            text not null,
    cloud               text not null,
    region              text not null,
    zone                text,
    instance_type       text not null,
    usage               text not null,
    gpu_model           text,
    gpu_count           numeric,
    gpu_memory_gb       numeric,
    gpu_total_memory_gb numeric,
    gpu_interconnect    text,
    gpu_manufacturer    text,
    gpu_raw             text,
    vcpus               numeric,
    memory_gib          numeric,
    storage_gb          numeric,
    arch                text not null,
    capabilities        text not null default '',
    price               numeric,
    currency            text,
    available           boolean not null,
    removed             boolean not null default false,
    source              text not null,
    spec_hash           text not null,
    observed_at         timestamptz not null,
    event_at            timestamptz not null,
    updated_at          timestamptz not null default now(),
    -- sort keys: never null, so keyset pagination stays simple; unpriced offers sort last
    price_key           numeric generated always as (coalesce(price, 1000000000)) stored,
    price_per_gpu       numeric generated always as (case when gpu_count > 0 then round(price / gpu_count, 6) end) stored,
    price_per_gpu_key   numeric generated always as (coalesce(case when gpu_count > 0 then round(price / gpu_count, 6) end, 1000000000)) stored,
    gpu_memory_key      numeric generated always as (coalesce(gpu_total_memory_gb, 0)) stored
);

create index offer_by_price on offer (price_key, id) where not removed;
create index offer_by_gpu_price on offer (gpu_model, price_key, id) where not removed;
create index offer_by_price_per_gpu on offer (price_per_gpu_key, id) where not removed;
create index offer_by_gpu_memory on offer (gpu_memory_key desc, price_key, id) where not removed;
create index offer_by_provider on offer (provider, region);

create table offer_history (
    id           bigserial primary key,
    offer_id     text not null,
    price        numeric,
    currency     text,
    available    boolean not null,
    removed      boolean not null,
    observed_at  timestamptz not null,
    recorded_at  timestamptz not null default now()
);

create index offer_history_by_offer on offer_history (offer_id, observed_at desc, id desc);

-- One row per visible change of an offer; the id is the SSE event id (Last-Event-ID resumes after it).
-- Writers take a transaction-scoped advisory lock before inserting, so ids become visible in id order.
create table offer_change (
    id                 bigserial primary key,
    offer_id           text not null,
    kinds              text not null,
    offer_json         text not null,
    previous_price     numeric,
    previous_available boolean,
    changed_at         timestamptz not null,
    recorded_at        timestamptz not null default now()
);

create index offer_change_by_time on offer_change (recorded_at);

create table instance_type (
    provider            text not null,
    name                text not null,
    vcpus               numeric,
    memory_gib          numeric,
    storage_gb          numeric,
    gpu_model           text,
    gpu_count           numeric,
    gpu_memory_gb       numeric,
    gpu_interconnect    text,
    gpu_manufacturer    text,
    gpu_raw             text,
    arch                text not null,
    capabilities        text not null default '',
    network_performance text,
    description         text,
    removed             boolean not null default false,
    observed_at         timestamptz not null,
    updated_at          timestamptz not null default now(),
    primary key (provider, name)
);

create table provider_status (
    provider        text primary key,
    state           text not null,
    last_success_at timestamptz,
    last_attempt_at timestamptz,
    last_error      text,
    offer_count     integer not null,
    poll_interval_s bigint,
    capabilities    text not null default '',
    status_at       timestamptz not null,
    updated_at      timestamptz not null default now()
);
