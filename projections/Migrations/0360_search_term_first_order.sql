-- Where in the search order a word's documents begin (README "How search answers at a million documents"): at or after
-- first_order in read_documents_search_order. The first page of a broad query walks that index from there, so a word
-- missing from the newest documents (a burst of issues of another service) costs its own page, not a walk past them:
-- `стандарт` after 26,000 new attestations walked 26,053 entries for 21 hits.
--
-- A lower bound, never more: the projector lowers it when a document holding the word comes before it, and leaves it
-- when documents move later (a suspension) or go; a bulk load's recount makes it exact again. Null: not known, walk
-- from the start.
alter table read.search_terms add column if not exists first_order bigint;

update read.search_terms t set first_order = f.first_order
from (select term, min(search_order) as first_order from read.documents, unnest(tsvector_to_array(search)) as term group by term) f
where f.term = t.term and t.first_order is null;

-- The vocabulary is read index-only: the bound goes into the key's index beside the count.
alter table read.search_terms drop constraint if exists search_terms_pkey;
alter table read.search_terms add constraint search_terms_pkey primary key (term) include (documents, first_order);
