-- Word pairs (README "Search"): for every two words that each more than 10,000 documents hold (a legal form, a city, a
-- trade word — 136 words at 1M documents), how many documents hold both. A query of such words ("ЖШС Астана") could be
-- anything from none to a hundred thousand matches; telling which took a sample (10 ms) and often a count of 10,001
-- matches read one heap page each (9,000 buffers, 30–80 ms) only to learn the query was broad. The pair counts bound the
-- matches from a few index rows instead: above 10,000 for certain (the page is walked at once), or 10,000 at most
-- (counted at once, exactly).
--
-- read.search_pair_terms is the set of words whose pairs are counted. A word joins it once it is in more than 10,000
-- documents (ProjectedWordPairs, in a transaction that counts its pairs from the documents) and never leaves it; the
-- projector keeps the pairs of every word in the set, in the transaction that changes the documents. The two take one
-- advisory lock (shared by projectors, exclusive to a word joining), so no document is counted twice or missed.
create table if not exists read.search_pair_terms (
    term text collate "C" primary key
);

create table if not exists read.search_term_pairs (
    term_a    text collate "C" not null,
    term_b    text collate "C" not null,
    documents integer not null,
    primary key (term_a, term_b) include (documents),
    check (term_a < term_b)
);

insert into read.search_pair_terms (term)
select term from read.search_terms where documents > 10000
on conflict (term) do nothing;

with held as (
    select d.document_id, t.term
    from read.search_rows d, unnest(tsvector_to_array(d.search)) as t(term)
    where t.term in (select term from read.search_pair_terms))
insert into read.search_term_pairs (term_a, term_b, documents)
select a.term, b.term, count(*) from held a join held b on b.document_id = a.document_id and a.term < b.term
group by a.term, b.term
on conflict (term_a, term_b) do nothing;
