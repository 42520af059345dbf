-- Pair facets (README "Search"): the pair counts of migration 0204 by kind, status and region. A query of two broad
-- words whose pair counts give its exact total (`ТОО Холдинг`: 8,147) then has its exact facets from a few hundred rows
-- of this table too, and only its page is left to read: the matches are ranked without being kept, counted and grouped
-- (27 → 21 ms at 1M). A query of two broad words with more than 10,000 matches (`ЖШС Астана`) gets exact facets from it
-- instead of a 2 % sample of the registry's pages.
--
-- Kept as read.search_term_pairs is: the projector, in the transaction that changes the documents (a change of status
-- moves a document's pairs from one status to the other), and BroadWordPairs when a word joins read.search_pair_terms,
-- both under the same advisory lock. A document without a region counts under region ''.
create table if not exists read.search_term_pair_facets (
    term_a    text collate "C" not null,
    term_b    text collate "C" not null,
    kind      text not null,
    status    text not null,
    region    text not null,
    documents integer not null,
    primary key (term_a, term_b, kind, status, region) include (documents),
    check (term_a < term_b)
);

with held as (
    select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term
    from read.search_rows d, unnest(tsvector_to_array(d.search)) as t(term)
    where t.term in (select term from read.search_pair_terms))
insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
select a.term, b.term, a.kind, a.status, a.region, count(*)
from held a join held b on b.document_id = a.document_id and a.term < b.term
group by a.term, b.term, a.kind, a.status, a.region
on conflict (term_a, term_b, kind, status, region) do nothing;
