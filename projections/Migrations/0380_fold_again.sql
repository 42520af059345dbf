-- The fold (SearchText.Fold) changed in two ways:
-- * it leaves out ь and ъ. Latin spells neither, so "Ust-Kamenogorsk" found nothing of "Усть-Каменогорск" ('усть' is no
--   'уст', and a word of four letters is not corrected for a typo) and "Olga" nothing of "Ольга";
-- * it reads Latin kh, gh and shch as х, ғ and щ, as passports and older romanizations spell them ("AKHMETOV",
--   "Qaraghandy", "Shchuchinsk"), where it read к+х, г+х and ш+ч.
-- The read model's folded text is folded again the same way: the signs are dropped everywhere, and the three digraphs in
-- the names of holders whose names are written with them (there, every кх, гх and шч is read as one: a Cyrillic word
-- holding one beside a Latin word holding kh, gh or shch in one holder's names is not told apart; none at 1M). The search vector, the narrow search copy and every per-word
-- count follow from it, rebuilt as a bulk load rebuilds them (PostgresDocumentProjector.RebuildSearchRows and
-- RecountTerms). Only a read model holding such a text is touched. At a million documents about half hold a sign (the
-- scope words "отрасль", "объект"); the rebuild then takes minutes, once (2.5 min here at 1.09M).
--
-- An Elasticsearch index fed before this holds the old fold: the initialiser rebuilds it at the next start (migration 0382).
do $$
begin
    if not exists (select 1 from read.documents where name_folded ~ '[ьъ]' or scope_folded ~ '[ьъ]'
                   or holder_name || coalesce(public_json -> 'holder' ->> 'formerNames', '') ~* '(kh|gh|shch)') then
        return;
    end if;

    alter table read.documents disable trigger documents_search_rows;
    -- The two indexes that hold the search vector are built afresh rather than updated row by row.
    drop index if exists read.read_documents_match_status;
    drop index if exists read.read_documents_search_order;
    update read.documents
    set name_folded = case when holder_name || coalesce(public_json -> 'holder' ->> 'formerNames', '') ~* '(kh|gh|shch)'
                           then replace(replace(replace(translate(name_folded, 'ьъ', ''), 'шч', 'щ'), 'кх', 'х'), 'гх', 'г')
                           else translate(name_folded, 'ьъ', '') end,
        scope_folded = translate(scope_folded, 'ьъ', '')
    where name_folded ~ '[ьъ]' or scope_folded ~ '[ьъ]' or holder_name || coalesce(public_json -> 'holder' ->> 'formerNames', '') ~* '(kh|gh|shch)';
    create index read_documents_search_order on read.documents (search_order, document_id) include (kind, region, sectors, issued_on, search);
    create index read_documents_match_status on read.documents using gin (search, kind, region, status) with (gin_pending_list_limit = 512);
    alter table read.documents enable trigger documents_search_rows;

    truncate read.search_rows;
    drop index if exists read.read_search_rows_match_status;
    drop index if exists read.read_search_rows_adjacent_words;
    insert into read.search_rows (document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search)
    select document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search from read.documents
    order by name_folded, document_id;
    create index read_search_rows_match_status on read.search_rows using gin (search, kind, region, status) with (gin_pending_list_limit = 512);
    create index read_search_rows_adjacent_words on read.search_rows using gin (read.adjacent_words(search)) with (gin_pending_list_limit = 512);

    truncate read.search_terms;
    insert into read.search_terms (term, documents, first_order)
    select term, count(*), min(search_order) from read.documents, unnest(tsvector_to_array(search)) as term group by term;
    truncate read.search_term_facets;
    insert into read.search_term_facets (term, kind, status, region, documents)
    select term, kind, status, coalesce(region, ''), count(*) from read.documents, unnest(tsvector_to_array(search)) as term
    group by term, kind, status, coalesce(region, '') order by 1, 2, 3, 4;
    truncate read.search_pair_terms, read.search_pair_queue;
    insert into read.search_pair_terms (term) select term from read.search_terms where documents > 10000;
    truncate read.search_term_pairs, read.search_term_pair_facets;
    with held as (
        select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term
        from read.documents d, unnest(tsvector_to_array(d.search)) as t(term)
        where t.term in (select term from read.search_pair_terms))
    insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
    select a.term, b.term, a.kind, a.status, a.region, count(*) from held a join held b on b.document_id = a.document_id and a.term < b.term
    group by a.term, b.term, a.kind, a.status, a.region order by 1, 2, 3, 4, 5;
    insert into read.search_term_pairs (term_a, term_b, documents)
    select term_a, term_b, sum(documents) from read.search_term_pair_facets group by term_a, term_b order by 1, 2;
end $$;
