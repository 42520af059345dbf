-- Elasticsearch rebuilds no longer keep a checkpoint row (their replay cursor lives in memory). A row left by an earlier
-- rebuild that died would be reported as a lagging projector by readiness forever.
delete from projection_checkpoints where name = 'elasticsearch-rebuild';
