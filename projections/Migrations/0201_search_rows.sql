-- A narrow copy of what search matches, filters and facets on (README "Search"). read.documents is about 1 KB a row
-- (the public JSON, names, scope): a word query counting up to 10,001 matches visited one heap page per match, and at a
-- million documents (1 GB of heap, more than shared_buffers) most of those pages came from disk — measured: 9,019 matches,
-- 8,759 heap pages, 5,268 of them read, 545 ms of 561. read.search_rows holds only the columns a word query reads
-- (about 250 bytes a row, 30 to a page), so the same count visits a table a quarter the size that stays in memory.
-- The page's own rows are still read from read.documents by primary key.
--
-- It is kept by a trigger on read.documents, in the same transaction as the write it mirrors, so it can never disagree
-- with the documents whichever writer (projector, bulk load, a repair by hand) changed them.
create table if not exists read.search_rows (
    document_id       uuid primary key,
    search_order      bigint not null,
    kind              text not null,
    status            text not null,
    region            text,
    sectors           text[] not null,
    holder_identifier text,
    issued_on         date not null,
    search            tsvector
) with (fillfactor = 90);

create or replace function read.keep_search_rows() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from read.search_rows where document_id = old.document_id;
    else
        insert into read.search_rows (document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search)
        values (new.document_id, new.search_order, new.kind, new.status, new.region, new.sectors, new.holder_identifier, new.issued_on, new.search)
        on conflict (document_id) do update set search_order = excluded.search_order, kind = excluded.kind, status = excluded.status,
            region = excluded.region, sectors = excluded.sectors, holder_identifier = excluded.holder_identifier,
            issued_on = excluded.issued_on, search = excluded.search;
    end if;
    return null;
end $$;

create or replace function read.clear_search_rows() returns trigger language plpgsql as $$
begin
    truncate read.search_rows;
    return null;
end $$;

drop trigger if exists documents_search_rows on read.documents;
create trigger documents_search_rows after insert or update or delete on read.documents
    for each row execute function read.keep_search_rows();
drop trigger if exists documents_search_rows_truncate on read.documents;
create trigger documents_search_rows_truncate after truncate on read.documents
    for each statement execute function read.clear_search_rows();

insert into read.search_rows (document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search)
select document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search from read.documents
on conflict (document_id) do nothing;

-- The same full-text index as read_documents_match: a word, and a word within a kind or a region, are one GIN scan.
create index if not exists read_search_rows_match on read.search_rows using gin (search, kind, region);
