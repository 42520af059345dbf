-- A status change carries a short public reason (verify, search, the change feed) and an internal note that is never
-- published. Documents whose public content a later migration corrects are republished (new version, new event) by
-- the start-up corrections run, so the read models, Elasticsearch and third-party mirrors all converge.
alter table document_status_history rename column reason to public_reason;
alter table document_status_history add column internal_note text;

create table documents_to_republish (
    document_id uuid primary key references documents (id)
);
