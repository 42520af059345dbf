-- Issue 13: the six standards as the seed states them (decree No. 1068; digest SERVICES.md).

-- Proof of intake names the specific Centre and the representative (para 14). No foreign key to centres: the start-up
-- import replaces that table as a whole; the command checks the id and copies the Centre's name into the receipt.
alter table applications add column centre_id text;
alter table applications add column representative_name text;
alter table applications add column representative_phone text;
alter table intake_refusals add column centre_id text;

-- Accreditation: a reasoned refusal is due 5 working days after the protocol decision (l. 6759).
alter table applications add column refusal_due_on date;
create index applications_refusal_due on applications (refusal_due_on) where refusal_due_on is not null;

-- An expert conclusion past its three months is flagged for the officer, never refused on: the seed gives it no effect.
alter table expert_conclusions add column found_expired_on date;

-- A refusal names grounds from its service's two (codes) and explains itself. Refusals recorded before the grounds were
-- coded keep their free text as the explanation and name no ground.
alter table application_refusals add column grounds text[] not null default '{}';
alter table application_refusals add column explanation text;
alter table application_refusals add column signatory_role text;
update application_refusals set explanation = array_to_string(reasons, '; ');
alter table application_refusals alter column explanation set not null;
alter table application_refusals drop column reasons;

-- The reasoned refusal notice as handed to the applicant (number, date, service, grounds in the seed's words, the
-- signatory's role, how to complain), kept whole so it can be produced again exactly.
create table refusal_notices (
    application_id uuid primary key references applications (id),
    number         text not null unique,
    issued_on      date not null,
    body           jsonb not null
);

-- How a result, a paper print, a refusal notice or a duplicate reached the applicant (para 15).
create table result_handovers (
    id              bigint generated always as identity primary key,
    application_id  uuid not null references applications (id),
    item            text not null,
    method          text not null,
    handed_over_on  date not null,
    recipient       text,
    tracking_number text,
    recorded_by     text not null,
    recorded_at     timestamptz not null default now()
);
create index result_handovers_application on result_handovers (application_id, id);

-- Services 4–6: a Centre keeps an uncollected result one month, then sends it on (l. 6853, 8962, 10998).
create table centre_storage (
    application_id uuid primary key references applications (id),
    centre_id      text not null,
    received_on    date not null,
    last_day       date not null,
    sent_on_date   date,
    recorded_by    text not null
);
create index centre_storage_open on centre_storage (last_day) where sent_on_date is null;

-- Services 4–6: duplicates of a lost or damaged result, due 10 working days after the request is complete (l. 6913, 9008, 11044).
create table document_duplicates (
    id              uuid primary key,
    document_id     uuid not null references documents (id),
    ordinal         integer not null,
    cause           text not null check (cause in ('lost', 'damaged')),
    submitted_on    date not null,
    due_on          date not null,
    documents       text[] not null,
    recorded_by     text not null,
    issued_on       date,
    handover_method text,
    issued_by       text,
    unique (document_id, ordinal)
);

-- Electronic requests not accepted on one of the three grounds of services 1–4 (l. 282–288).
create table electronic_request_refusals (
    id             uuid primary key,
    number         text not null unique,
    service        text not null,
    ground         text not null,
    applicant_name text not null,
    received_at    timestamptz not null,
    recorded_by    text not null,
    recorded_at    timestamptz not null default now()
);
