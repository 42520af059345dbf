-- Per-word facet counts (README "Search"): for every indexed word, how many documents of each kind, status and region
-- hold it. A query of one word (or of one place under its several names) then has an exact total and exact facets
-- from a few hundred rows of this table, however many documents match — where counting the matches themselves read
-- one row of read.search_rows per match (up to 10,001), or a sample of the registry for a broad word.
--
-- Kept by the projector in the transaction that changes the documents, as read.search_terms is: a new document adds
-- one to each of its words under its kind, status and region; a status change moves its words from one status to the
-- other. A document without a region counts under region '' (a primary key column cannot be null).
create table if not exists read.search_term_facets (
    term      text collate "C" not null,
    kind      text not null,
    status    text not null,
    region    text not null,
    documents integer not null,
    primary key (term, kind, status, region) include (documents)
);

insert into read.search_term_facets (term, kind, status, region, documents)
select term, kind, status, coalesce(region, ''), count(*)
from read.documents, unnest(tsvector_to_array(search)) as term
group by term, kind, status, coalesce(region, '')
on conflict (term, kind, status, region) do nothing;
