-- An idempotent replay answers with the same Location header as the first response.
alter table idempotency_keys add column location text;
