-- Public Service Centres (ХҚО) from annex 1 of the decree, replaced as a whole by the start-up import.
create table centres (
    id             text primary key,
    parent_id      text references centres (id) deferrable initially deferred,
    level          text not null check (level in ('branch', 'department', 'sub-department')),
    region_ordinal integer not null,
    region         text not null,
    name           text not null,
    address        text not null,
    phones         jsonb not null,
    search_folded  text not null,
    source_line    integer not null
);
create index centres_region on centres (region);
create index centres_search_trgm on centres using gin (search_folded gin_trgm_ops);

create table centres_import (
    singleton   boolean primary key default true check (singleton),
    source_hash text not null,
    imported_at timestamptz not null default now()
);
