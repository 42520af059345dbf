-- Why the Elasticsearch index must be rebuilt from the read model: left by a migration that changed what the index holds
-- (0380: the fold leaves out ь and ъ, and the index holds folded text). The start-up initialiser rebuilds an index that
-- was fed before such a change (ElasticsearchIndexInitializer), and a finished rebuild clears the reasons it answered.
create table if not exists read.elasticsearch_rebuild_due (
    reason text primary key,
    since  timestamptz not null default now()
);

-- Only an index the projector has fed holds the old fold; a registry without Elasticsearch has none.
insert into read.elasticsearch_rebuild_due (reason)
select '0380: the fold leaves out ь and ъ and reads kh, gh and shch as х, ғ and щ' where exists (select 1 from projection_checkpoints where name = 'elasticsearch-documents')
on conflict (reason) do nothing;
