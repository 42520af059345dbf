-- The full-text indexes take new documents in small pending lists (README "Search", fifteenth pass). GIN gathers new
-- entries in a pending list and merges them into the index when the list passes gin_pending_list_limit (4 MB by
-- default); the insert that passes it does the merge. At 400 decisions/s the list of each index filled in about 20 s
-- (sampled with pgstatginindex: 499 pages, then 3), and the projector's batch that tipped it merged both lists while
-- decisions queued behind it (lag p99 1.5 s in that run). Every search also reads the whole pending list. With 512 kB
-- the lists merge every 2–3 s, a few pages at a time (the projector's backlog stayed under 140 documents in the
-- samples; lag p99 308 and 712 ms in two runs). Without a pending list (fastupdate off) each insert cost more and the
-- backlog stood at 100–290 documents (p99 1.0 s).
alter index read.read_documents_match_status set (gin_pending_list_limit = 512);
alter index read.read_search_rows_match_status set (gin_pending_list_limit = 512);
