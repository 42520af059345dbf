-- How far the outbox may be read (README "Why the outbox cursor is (tx, position)"). Outbox rows become visible at
-- commit, out of tx order, so a reader takes only rows of transactions older than every transaction that may still
-- write one. That was every transaction still running: the oldest xid in the snapshot (pg_snapshot_xmin). But the read
-- side's own writers (the projector's batches, the word-pair folds) never write the outbox, and each held every
-- projector back while it ran: a fold of a second's pairs took 77 ms under load, and decisions committed meanwhile
-- waited for it to reach verify. Such a transaction now says so first, with a shared transaction-level advisory lock
-- (Registry.Projections.Outbox.OutboxReader.DeclareNoOutboxWritesAsync), and the horizon passes over it.
--
-- Safe in any order of events: an xid is passed over only if its backend holds the lock at the moment pg_locks is read,
-- and a transaction holding it never writes the outbox, whenever it took the lock. A transaction that has not taken it
-- yet counts as a writer. pg_locks shows xids in 32 bits; the snapshot's running xids are within 2^31 of each other, so
-- the low 32 bits name one of them. Stable, so the snapshot is the calling statement's: every row below the horizon is
-- visible to the statement that reads the outbox.
create or replace function outbox_horizon() returns xid8 language sql stable as $$
    select coalesce(min(running), pg_snapshot_xmax(pg_current_snapshot()))
    from pg_snapshot_xip(pg_current_snapshot()) as running
    where not exists (
        select from pg_locks declared
        join pg_locks own on own.pid = declared.pid and own.locktype = 'transactionid' and own.mode = 'ExclusiveLock' and own.granted
        where declared.locktype = 'advisory' and declared.granted
          and declared.classid = 20121070 and declared.objid = 1 and declared.objsubid = 2
          and own.transactionid::text::bigint = running::text::bigint & 4294967295)
$$;
