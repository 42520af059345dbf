-- A subscription may let several deliveries be in flight at once (never two for one document, so each document's changes
-- still arrive in order). 1, the default, keeps strict change-feed order across all its documents.
alter table webhook_subscriptions add column max_in_flight integer not null default 1 check (max_in_flight between 1 and 16);
