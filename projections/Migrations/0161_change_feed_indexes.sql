-- Webhook subscriptions read the change feed by document (number, BIN) or by kind, from their position.
create index read_changes_document_seq on read.changes (document_id, seq);
create index read_changes_kind_seq on read.changes (kind, seq);
