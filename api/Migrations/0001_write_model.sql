-- Write side: the normalized record of applications and decisions. Public reads never touch these tables.
create extension if not exists pg_trgm;

create table applicants (
    id              uuid primary key,
    identifier      text unique,                -- BIN or IIN; null for a non-resident without one
    identifier_kind text not null check (identifier_kind in ('bin', 'iin', 'none')),
    applicant_type  text not null check (applicant_type in ('legal-entity', 'individual', 'non-resident')),
    name            text not null,
    address         text,
    phone           text,
    region          text,
    created_at      timestamptz not null default now()
);

create table applicant_former_names (
    applicant_id uuid not null references applicants (id),
    name         text not null,
    replaced_at  timestamptz not null default now(),
    primary key (applicant_id, name)
);

create table applications (
    id                  uuid primary key,
    service             text not null,
    applicant_id        uuid not null references applicants (id),
    channel             text not null check (channel in ('committee', 'centre', 'portal')),
    status              text not null,
    submitted_on        date not null,
    received_at         timestamptz not null default now(),
    accepted_by         text not null,
    contact_person      text,
    contact_phone       text,
    deadline_on         date,
    completeness_due_on date,
    version             integer not null default 1,
    created_at          timestamptz not null default now()
);
create index applications_status_deadline on applications (status, deadline_on);
create index applications_applicant on applications (applicant_id);

create table application_sectors (
    application_id uuid not null references applications (id),
    sector         text not null,
    primary key (application_id, sector)
);

create table application_activities (
    application_id uuid not null references applications (id),
    activity       text not null,
    primary key (application_id, activity)
);

-- Technologies, devices, materials (permits), the declared facility, fire products, standard drafts: what a document covers.
create table application_subjects (
    application_id uuid not null references applications (id),
    ordinal        integer not null,
    name           text not null,
    description    text,
    primary key (application_id, ordinal)
);

create table application_documents (
    application_id uuid not null references applications (id),
    code           text not null,
    title          text not null,
    provided_at    timestamptz,
    primary key (application_id, code)
);

create table expert_conclusions (
    application_id      uuid primary key references applications (id),
    expert_organisation text not null,
    conclusion_number   text not null,
    expertise_date      date not null
);

create table application_refusals (
    application_id uuid primary key references applications (id),
    reasons        text[] not null check (cardinality(reasons) > 0),
    refused_on     date not null,
    refused_by     text not null
);

create table receipts (
    application_id uuid primary key references applications (id),
    number         text not null unique,
    issued_at      timestamptz not null,
    body           jsonb not null
);

create table number_sequences (
    kind text not null,
    year integer not null,
    last bigint not null,
    primary key (kind, year)
);

create table documents (
    id             uuid primary key,
    application_id uuid not null unique references applications (id),
    kind           text not null,
    number         text not null unique,
    number_norm    text not null unique,
    holder_id      uuid not null references applicants (id),
    status         text not null check (status in ('valid', 'suspended', 'revoked', 'expired')),
    issued_on      date not null,
    valid_until    date,
    deemed         boolean not null default false,
    version        integer not null default 1,
    created_at     timestamptz not null default now()
);
create index documents_holder on documents (holder_id);

create table document_status_history (
    id           bigint generated always as identity primary key,
    document_id  uuid not null references documents (id),
    status       text not null,
    effective_on date not null,
    reason       text,
    recorded_by  text not null,
    recorded_at  timestamptz not null default now()
);
create index document_status_history_document on document_status_history (document_id, id);

-- A retried command with the same key returns the first response instead of acting twice.
create table idempotency_keys (
    key           text not null,
    actor         text not null,
    request_hash  text not null,
    status_code   integer not null,
    response_body jsonb not null,
    created_at    timestamptz not null default now(),
    primary key (actor, key)
);

create table audit_log (
    id         bigint generated always as identity primary key,
    actor      text not null,
    action     text not null,
    entity_id  uuid not null,
    details    jsonb not null,
    at         timestamptz not null default now()
);
create index audit_log_entity on audit_log (entity_id, id);

-- Transactional outbox. Readers page on (tx, position): identities become visible at commit, not in order, so a plain
-- position cursor would skip a row whose transaction commits after a later one.
create table outbox (
    position     bigint generated always as identity primary key,
    tx           xid8 not null default pg_current_xact_id(),
    type         text not null,
    aggregate_id uuid not null,
    payload      jsonb not null,
    created_at   timestamptz not null default clock_timestamp()
);
create index outbox_tx_position on outbox (tx, position);

create table projection_checkpoints (
    name       text primary key,
    tx         xid8 not null default '0',
    position   bigint not null default 0,
    updated_at timestamptz not null default now()
);

create table outbox_dead_letters (
    projector  text not null,
    position   bigint not null,
    error      text not null,
    attempts   integer not null,
    replayable boolean not null default true,
    failed_at  timestamptz not null default now(),
    primary key (projector, position)
);
