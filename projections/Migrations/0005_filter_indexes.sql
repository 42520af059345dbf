-- Filters without words (kind, status, region, sector, issue dates) must not read the whole table. Each filter
-- column leads an index that also carries the facet columns, so the exact total and the kind/status/region facets
-- of a filtered search come from an index-only scan instead of the wide rows (public_json, tsvector).
create index if not exists read_documents_kind on read.documents (kind) include (status, region);
create index if not exists read_documents_status on read.documents (status) include (kind, region);
create index if not exists read_documents_region on read.documents (region) include (kind, status);
create index if not exists read_documents_sectors on read.documents using gin (sectors);
create index if not exists read_documents_issued_facets on read.documents (issued_on desc, document_id) include (kind, status, region);
drop index if exists read.read_documents_issued;
