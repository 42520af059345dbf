-- The fold changed (migration 0380): the centres' folded text is imported again at the next start
-- (CentresImport skips a file it has imported).
delete from centres_import;
