-- The change feed's readers (GET /api/v1/changes, the webhook dispatcher) page by seq and move a position to the feed's
-- high-water mark. That is gap-free only if rows become visible in seq order. An identity value is taken when the row is
-- formed and becomes visible at commit, so two transactions writing at once could commit out of order: a reader would see
-- seq 11, move past it, and never see seq 10 committed a moment later. Every statement that writes the feed first takes
-- this transaction-level lock (before any row, hence any seq, exists), so writers take their seqs and commit one at a
-- time, whoever they are: the projector, a bulk load, a test or a load scenario.
create function read.changes_in_commit_order() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('read.changes commit order'));
    return null;
end $$;

create trigger changes_in_commit_order before insert on read.changes
    for each statement execute function read.changes_in_commit_order();
