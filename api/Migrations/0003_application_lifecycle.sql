-- Consideration is suspended while documents are missing; the clock stops from suspended_on until resumed_on.
create table application_suspensions (
    id                bigint generated always as identity primary key,
    application_id    uuid not null references applications (id),
    suspended_on      date not null,
    resumed_on        date,
    missing_documents text[] not null check (cardinality(missing_documents) > 0),
    recorded_by       text not null
);
create unique index application_suspensions_open on application_suspensions (application_id) where resumed_on is null;

-- Accreditation: the protocol decision date starts the 5-working-day clock for a reasoned refusal.
alter table applications add column protocol_decided_on date;
alter table applications add column completeness_checked_on date;
alter table application_refusals add column stage text not null default 'decision';

-- Intake refusals at a Public Service Centre: no application is created, but the receipt listing what is missing is kept.
create table intake_refusals (
    id                uuid primary key,
    number            text not null unique,
    service           text not null,
    applicant_name    text not null,
    missing_documents text[] not null,
    refused_at        timestamptz not null default now(),
    refused_by        text not null
);
