-- read.search_rows rewritten in the order of the holders' names (README "Search"). A query of a name's words (`ТОО Инвест`,
-- `ЖШС Лифт`) matches names that sort together, so its matches now share heap pages: counting the 8,648 matches of
-- `ТОО Инвест` at 1M documents visits 1,149 pages instead of 7,832, and a count of thousands of matches costs about half
-- (`ТОО Семей` 20–30 → 12 ms). Rows the projector adds later go where there is room, so the order wears slowly as the
-- registry grows; running this file again in one transaction restores it (`psql -1 -f`; it holds the table's lock, 11 s
-- at 1M here, and searches wait for it).
--
-- Rewritten from read.documents, of which read.search_rows is a copy kept by trigger (migration 0201), with the full-text
-- index built after the rows, as a bulk load does (PostgresDocumentProjector.RebuildSearchRows).
truncate read.search_rows;
drop index if exists read.read_search_rows_match_status;
insert into read.search_rows (document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search)
select document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search from read.documents
order by name_folded, document_id;
create index read_search_rows_match_status on read.search_rows using gin (search, kind, region, status);
analyze read.search_rows;
