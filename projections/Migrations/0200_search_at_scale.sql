-- Search at a million documents (README "Search"). Three structures, each for one kind of query:
--
-- 1. search_order: one number per document that sorts it the way a person expects among equally relevant matches —
--    valid, suspended, expired, revoked; newest first within a status (SearchRanking.Order in domain). A broad word
--    (in 10 % or more of the documents) is answered by walking this index and keeping the rows that match, so its
--    first page reads a few hundred index entries instead of ranking a hundred thousand matches. The index carries
--    the tsvector and the filter columns, so that walk never visits the table.
-- 2. read.search_terms: every indexed word with the number of documents holding it, kept by the projector in the
--    transaction that changes the documents. It tells a broad word from a narrow one before the query is planned, and
--    it is the vocabulary typos are corrected against (a word one edit away that exists).
-- 3. Capped counting reads the full-text index only (the visibility map spares the table), up to 10,001 matches.
--
-- Existing rows get their order here. The ranks below are SearchRanking.Rank's; ReadModelMigrationTests checks the two agree.
alter table read.documents add column if not exists search_order bigint;
update read.documents set search_order =
    (case status when 'valid' then 0 when 'suspended' then 1 when 'expired' then 2 when 'revoked' then 3 end) * 1000000::bigint
    + (999999 - (issued_on - date '0001-01-01'))
where search_order is null;
alter table read.documents alter column search_order set not null;

create index if not exists read_documents_search_order on read.documents (search_order, document_id)
    include (kind, region, sectors, issued_on, search);

-- The full-text index also holds kind and region (btree_gin), so "a word in permits" is one posting-list intersection
-- instead of two bitmaps that go lossy when a word and a kind each match a hundred thousand documents.
create extension if not exists btree_gin;
create index if not exists read_documents_match on read.documents using gin (search, kind, region);
drop index if exists read.read_documents_search;

-- A BIN's first digits list holders in BIN order, keyset-paged by (BIN, document).
create index if not exists read_documents_holder on read.documents (holder_identifier, document_id);
drop index if exists read.read_documents_holder_identifier;

create table if not exists read.search_terms (
    term      text collate "C" not null,
    documents integer not null,
    primary key (term) include (documents)
);
insert into read.search_terms (term, documents)
select term, count(*) from read.documents, unnest(tsvector_to_array(search)) as term group by term
on conflict (term) do nothing;

-- Typo tolerance now looks words up in read.search_terms; the trigram index on whole names is no longer read.
drop index if exists read.read_documents_name_trgm;
