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
