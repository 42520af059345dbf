-- A partial BIN (6 to 11 leading digits) and digits that may be a number's end or part of a name (README "Search").
-- Their readings were counted with one scan of read.documents: one 1 KB heap row per match (a BIN prefix matches up
-- to 3,600 documents at 1M), mostly from disk. These two indexes carry what counting, faceting and ranking a reading
-- need (kind, status, region, search order), so each reading is an index-only scan of a few dozen leaf pages; the
-- name words of the same query are read on read.search_rows (SearchPlan.ReadEachReading).
-- Only legal entities' BINs are in the read model (never an individual's IIN), so a BIN prefix can match nothing else.
create index if not exists read_documents_holder_facets on read.documents (holder_identifier, document_id)
    include (kind, status, region, search_order);
drop index if exists read.read_documents_holder;

-- number_norm is included because an index-only scan of an expression index needs the column the expression reads.
create index if not exists read_documents_number_suffix on read.documents (reverse(number_norm), document_id)
    include (number_norm, kind, status, region, search_order);
drop index if exists read.read_documents_number_reversed;

-- Index-only scans (these, and the ordered walk of read_documents_search_order) skip the heap only on pages the
-- visibility map marks all-visible. New documents land on pages that are not, and they are the first a walk reads
-- (newest first): measured at 1M with a write benchmark running, 5,066 heap fetches to find a page of "сервис".
-- Autovacuum's defaults wait for 20 % of the table (200,000 documents) to be inserted or changed; vacuum after a
-- thousand instead — with the visibility map it reads only the pages changed since.
alter table read.documents set (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0);
alter table read.search_rows set (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0);
