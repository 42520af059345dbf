-- Read side: what the public endpoints query. Written only by projectors.
create schema if not exists read;

create table read.documents (
    document_id       uuid primary key,
    version           integer not null,
    kind              text not null,
    number            text not null,
    number_norm       text not null,
    status            text not null,
    issued_on         date not null,
    valid_until       date,
    holder_id         uuid not null,
    holder_name       text not null,
    holder_identifier text,        -- BIN only: an individual's IIN never reaches the public read model
    region            text,
    sectors           text[] not null default '{}',
    name_folded       text not null,   -- SearchText.Fold of the holder's current and former names
    scope_folded      text not null,   -- SearchText.Fold of sectors, activities and subjects
    public_json       jsonb not null,  -- the public view, pre-rendered for the lookup path
    position          bigint not null,
    updated_at        timestamptz not null default now(),
    search            tsvector generated always as (to_tsvector('simple', name_folded || ' ' || scope_folded)) stored
);
create unique index read_documents_number_norm on read.documents (number_norm);
create index read_documents_number_prefix on read.documents (number_norm text_pattern_ops);
create index read_documents_number_reverse on read.documents (reverse(number_norm) text_pattern_ops);
create index read_documents_holder_identifier on read.documents (holder_identifier);
create index read_documents_name_trgm on read.documents using gin (name_folded gin_trgm_ops);
create index read_documents_search on read.documents using gin (search);
create index read_documents_issued on read.documents (issued_on desc, document_id);

-- The change feed third parties poll: one row per applied document version, in projection order.
create table read.changes (
    seq         bigint generated always as identity primary key,
    document_id uuid not null,
    kind        text not null,
    number      text not null,
    version     integer not null,
    change      text not null,
    status      text not null,
    changed_at  timestamptz not null default now()
);
