-- Word pairs counted behind the documents (README "Search"). Logged at 400 decisions/s with a registry's names, the
-- projector's pair counts (migrations 0204, 0205) were half of its time in PostgreSQL: an attestation holds about 13
-- broad words, 78 pairs, each upserted under its kind, status and region (40 rows a document after a batch's sums), so
-- the projector fell behind and a decision took up to a second to reach verify.
--
-- The projector now writes each document's words before (sign -1, under its kind, status and region before) and after
-- (+1) as one row of read.search_pair_queue, in the transaction that changes the documents, and BroadWordPairs folds the
-- queue into the pair counts a moment later. A reader adds what is still queued (read.search_pair_pending), in the same
-- statement, so the counts it reads always agree with the documents it sees. A word joining read.search_pair_terms folds
-- the queue and counts its pairs in one snapshot (BroadWordPairs.AdmitAsync), so a queued row is counted before the
-- word joined or after, never both.
create table if not exists read.search_pair_queue (
    seq    bigint generated always as identity primary key,
    terms  text[] collate "C" not null,
    kind   text not null,
    status text not null,
    region text not null,
    sign   smallint not null check (sign in (-1, 1))
);

-- The queued pairs of the counted words, one row per queued document and pair, to be summed with the counts.
create or replace view read.search_pair_pending as
select a.term as term_a, b.term as term_b, q.kind, q.status, q.region, q.sign::integer as documents
from read.search_pair_queue q, unnest(q.terms) as a(term), unnest(q.terms) as b(term)
where a.term < b.term
  and a.term in (select term from read.search_pair_terms) and b.term in (select term from read.search_pair_terms);

-- The counts change in place: without the count in their indexes (an index-only read of a few hundred rows gave way to
-- reading them), and with room on each page, an update stays on its page and leaves the index alone (a HOT update).
-- Measured in the lag scenario at 1M: 0 of 458,149 pair-facet updates were HOT before, 639,731 of 650,900 after. The
-- tables are rewritten to take the room.
alter table read.search_term_pair_facets drop constraint if exists search_term_pair_facets_pkey,
    add primary key (term_a, term_b, kind, status, region), set (fillfactor = 70);
alter table read.search_term_pairs drop constraint if exists search_term_pairs_pkey,
    add primary key (term_a, term_b), set (fillfactor = 70);
alter table read.search_term_facets drop constraint if exists search_term_facets_pkey,
    add primary key (term, kind, status, region), set (fillfactor = 70);
cluster read.search_term_pair_facets using search_term_pair_facets_pkey;
cluster read.search_term_pairs using search_term_pairs_pkey;
cluster read.search_term_facets using search_term_facets_pkey;
analyze read.search_term_pair_facets, read.search_term_pairs, read.search_term_facets;
