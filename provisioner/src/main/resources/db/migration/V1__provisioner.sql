-- Bearer tokens: only the SHA-256 of the token is stored.
create table api_token (
    id          text primary key,
    tenant      text not null,
    role        text not null,
    token_hash  text not null unique,
    description text,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- One row per instance the API accepted.
create table instance (
    id                   text primary key,
    tenant               text not null,
    name                 text not null,
    state                text not null,
    sequence             bigint not null,
    placement            text not null,
    ssh_public_key       text not null,
    user_data            text,
    tags                 text not null,
    offer_id             text,
    provider             text,
    region               text,
    zone                 text,
    instance_type        text,
    price_amount         numeric,
    price_currency       text,
    provider_instance_id text,
    public_ip            text,
    private_ip           text,
    failure_reason       text,
    terminate_requested  boolean not null default false,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    state_since          timestamptz not null
);
create index instance_tenant_idx on instance (tenant, created_at);
create index instance_state_idx on instance (state);

-- Every lifecycle event of an instance, in order.
create table instance_event (
    instance_id          text not null references instance (id),
    sequence             bigint not null,
    state                text not null,
    event                text not null,
    message              text,
    offer_id             text,
    provider             text,
    provider_instance_id text,
    price_amount         numeric,
    price_currency       text,
    at                   timestamptz not null,
    primary key (instance_id, sequence)
);

-- Idempotency-Key header per tenant: same key + same body = same instance.
create table idempotency_key (
    tenant       text not null,
    key          text not null,
    request_hash text not null,
    instance_id  text not null,
    created_at   timestamptz not null,
    primary key (tenant, key)
);

-- Launch attempts: recorded BEFORE the provider is called, so a crash leaves an in-doubt row to reconcile.
create table launch_attempt (
    instance_id          text not null references instance (id),
    attempt              int not null,
    offer_id             text not null,
    provider             text not null,
    region               text not null,
    ref_id               text not null unique,
    status               text not null,
    provider_instance_id text,
    error_kind           text,
    message              text,
    started_at           timestamptz not null,
    finished_at          timestamptz,
    primary key (instance_id, attempt)
);
create index launch_attempt_in_doubt_idx on launch_attempt (status) where status = 'in-flight';

-- Transactional outbox: rows written with the state change, published by the relay, then deleted.
create table outbox (
    id         bigserial primary key,
    topic      text not null,
    record_key text not null,
    event_type text not null,
    payload    text not null,
    created_at timestamptz not null
);

-- Commands already handled (consumers de-duplicate on command id).
create table processed_command (
    command_id   text primary key,
    processed_at timestamptz not null
);

-- The provisioner's own view of skyfleet.offers.v1.
create table offer_view (
    offer_id      text primary key,
    provider      text not null,
    cloud         text not null,
    region        text not null,
    zone          text,
    instance_type text not null,
    usage_class   text not null,
    gpu_model     text,
    gpu_count     numeric,
    vcpus         numeric,
    memory_gib    numeric,
    price_amount  numeric,
    price_currency text,
    available     boolean not null,
    removed       boolean not null,
    capabilities  text not null,
    observed_at   timestamptz not null
);
create index offer_view_select_idx on offer_view (available, removed, gpu_model, price_amount);

-- Audit trail of every mutating API call.
create table audit_record (
    id         bigserial primary key,
    at         timestamptz not null,
    tenant     text,
    token_id   text,
    method     text not null,
    path       text not null,
    status     int not null
);
