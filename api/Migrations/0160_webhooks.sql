-- Webhooks for third parties. An officer registers a client and issues it an API key; only the key's SHA-256 is kept.
create table webhook_clients (
    id          uuid primary key,
    name        text not null,
    contact     text,
    key_hash    bytea unique,          -- null until a key is issued; issuing again replaces it
    key_issued_at timestamptz,
    created_by  text not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);

-- One subscription = one receiver URL and a filter (document number, BIN, kind). position is the read.changes seq up to
-- which every matching change has been delivered; the dispatcher delivers in seq order, one change at a time.
create table webhook_subscriptions (
    id               uuid primary key,
    client_id        uuid not null references webhook_clients (id),
    url              text not null,
    secret           text not null,   -- whsec_…: signs every delivery, so it is kept as issued (like any HMAC key)
    kind             text,
    bin              text,
    number_norm      text,
    number           text,
    status           text not null default 'active' check (status in ('active', 'disabled')),
    position         bigint not null,
    attempts         integer not null default 0,
    failing_since    timestamptz,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    last_status_code integer,
    last_delivered_at timestamptz,
    disabled_at      timestamptz,
    disabled_reason  text,
    lease_owner      uuid,            -- the dispatcher instance delivering it now, until lease_until
    lease_until      timestamptz,
    created_at       timestamptz not null default now(),
    check (kind is not null or bin is not null or number_norm is not null)
);
create index webhook_subscriptions_client on webhook_subscriptions (client_id);
create index webhook_subscriptions_due on webhook_subscriptions (next_attempt_at) where status = 'active';

-- Failed attempts, so that a subscription's owner can see why it is late or disabled. Pruned to the newest per subscription.
create table webhook_attempts (
    id              bigint generated always as identity primary key,
    subscription_id uuid not null references webhook_subscriptions (id) on delete cascade,
    seq             bigint not null,
    event_id        text not null,
    attempt         integer not null,
    status_code     integer,
    error           text not null,
    duration_ms     integer not null,
    at              timestamptz not null default now()
);
create index webhook_attempts_subscription on webhook_attempts (subscription_id, id desc);
