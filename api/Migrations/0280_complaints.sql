-- Complaints (§5, paras 20–25): the written complaint as received, its talon, its status history and its answer.
-- Statuses, subjects and addressees are the domain's slugs (Registry.Domain.Complaints); no literal list here.
create table complaints (
    id                  uuid primary key,
    talon_number        text not null unique,
    access_code_hash    bytea not null,               -- SHA-256 of the code printed on the talon; the code itself is not kept
    service             text,                         -- null when the complaint names no service
    application_id      uuid references applications (id),
    document_id         uuid references documents (id),
    subject             text not null,
    addressee           text not null,
    received_by         text not null,                -- post or by-hand (para 24: in writing, by post or by hand)
    received_at         timestamptz not null,
    applicant_full_name text not null,
    postal_address      text not null,
    complaint_date      date not null,
    signed              boolean not null check (signed),
    official_position   text not null,
    official_name       text not null,
    reasons             text not null,
    demands             text not null,
    accepted_by         text not null,
    acceptor_contact    text not null,
    answer_term         text not null,                -- the configured term as applied, e.g. "10 working-days"
    answer_term_source  text not null,
    answer_due_on       date not null,
    status              text not null,
    version             integer not null default 1,
    registered_at       timestamptz not null default now()
);
create index complaints_open_due on complaints (status, answer_due_on);

create table complaint_status_history (
    id           bigint generated always as identity primary key,
    complaint_id uuid not null references complaints (id),
    status       text not null,
    changed_at   timestamptz not null,
    reason       text,                                -- why review was refused; internal, never public
    recorded_by  text not null
);
create index complaint_status_history_complaint on complaint_status_history (complaint_id, id);

-- The written answer, sent by post (l. 350/2539/4795/6909/9006/11042).
create table complaint_answers (
    complaint_id    uuid primary key references complaints (id),
    text            text not null,
    answered_on     date not null,
    signatory_role  text not null,
    posted_on       date not null,
    tracking_number text,
    recorded_by     text not null
);
