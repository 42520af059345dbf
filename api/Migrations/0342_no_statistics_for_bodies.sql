-- The stored bodies (a receipt's or refusal notice's paper, an outbox event, an idempotent answer, an audit record's request) are never
-- filtered by value, so the planner has no use for their statistics, and gathering them was most of ANALYZE's work:
-- autovacuum analyzes these tables about once a minute at 400 decisions/s, each time detoasting 30,000 sampled bodies
-- of 500-1,000 bytes. Measured at 1M documents (110,000 keys): idempotency_keys 365 -> 171 ms, audit_log 348 -> 103 ms,
-- outbox 260 -> 53 ms, one core's time each, in bursts beside the decisions (README "Seventeenth pass").
alter table receipts alter column body set statistics 0;
alter table refusal_notices alter column body set statistics 0;
alter table outbox alter column payload set statistics 0;
alter table idempotency_keys alter column response_body set statistics 0;
alter table audit_log alter column details set statistics 0;
