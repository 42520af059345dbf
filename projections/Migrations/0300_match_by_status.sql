-- A status filter inside the full-text indexes, beside kind and region: a word within a status was found by the word
-- alone, and each match's row read to test its status (`Сервис`, suspended: 154,464 rows read for 4,615 matches, 240 ms
-- at 1M documents). Each is built beside the old index, then the old one dropped, so search keeps an index throughout.
create index if not exists read_search_rows_match_status on read.search_rows using gin (search, kind, region, status);
drop index if exists read.read_search_rows_match;
create index if not exists read_documents_match_status on read.documents using gin (search, kind, region, status);
drop index if exists read.read_documents_match;
