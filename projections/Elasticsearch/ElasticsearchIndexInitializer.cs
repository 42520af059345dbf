using Dapper;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Registry.Projections.Elasticsearch;

/// <summary>
/// Makes the alias usable at start, retrying with exponential backoff (up to a minute apart) until it succeeds, since
/// Elasticsearch may come up after the API. Until then the projector's bulk requests, which require the alias, are
/// refused item by item and its checkpoint stays. A fresh registry gets an empty {alias}-v1. An index that is missing
/// (alias and index gone) or lost (alias over an empty index) while the projector's checkpoint says it was fed — or a
/// concrete index squatting the alias's name — is rebuilt from the PostgreSQL read model: recreating it empty would leave
/// it holding only later changes. So is an index fed before a migration changed what it holds
/// (read.elasticsearch_rebuild_due: the fold of its text, migration 0382).
/// </summary>
public sealed class ElasticsearchIndexInitializer(RegistryIndex index, ElasticsearchRebuild rebuild, ElasticsearchClient client,
    NpgsqlDataSource dataSource, ElasticsearchOptions options, ILogger<ElasticsearchIndexInitializer> logger) : BackgroundService
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    const string Progress = """
        select coalesce((select position from projection_checkpoints where name = @name), 0) as checkpoint,
               exists (select 1 from read.documents) as readmodelhasdocuments,
               array(select reason from read.elasticsearch_rebuild_due order by since, reason) as rebuildreasons
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EnsureAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Elasticsearch index {Alias} is not ready (attempt {Attempt}); retrying in {Delay}", options.Alias, attempt, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    /// <summary>One attempt; throws when Elasticsearch cannot be reached or refuses.</summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        var state = await index.InspectAsync(ct);
        long checkpoint;
        bool readModelHasDocuments;
        string[] rebuildReasons;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
            (checkpoint, readModelHasDocuments, rebuildReasons) = await conn.QuerySingleAsync<(long, bool, string[])>(
                new CommandDefinition(Progress, new { name = ElasticsearchDocumentProjector.ProjectorName }, cancellationToken: ct));

        if (state.Current is { } current)
        {
            if (checkpoint == 0 || !readModelHasDocuments) return;
            if (rebuildReasons.Length > 0)
                logger.LogWarning("Elasticsearch index {Index} behind {Alias} was fed before a change to what it holds ({Reasons}): rebuilding it from the read model",
                    current, options.Alias, string.Join("; ", rebuildReasons));
            else
            {
                var count = await client.CountAsync(c => c.Indices(options.Alias), ct);
                if (!count.IsValidResponse) throw new InvalidOperationException($"Counting {options.Alias} failed: {RegistryIndex.Describe(count)}");
                if (count.Count > 0) return;
                logger.LogWarning("Elasticsearch index {Index} behind {Alias} is empty, yet the projector has passed outbox position {Checkpoint}: rebuilding it from the read model",
                    current, options.Alias, checkpoint);
            }
        }
        else if (state.ConcreteIndexNamedLikeAlias)
            logger.LogWarning("A concrete index is named {Alias} (auto-created by a bulk request without the alias); replacing it with a rebuilt index", options.Alias);
        else if (checkpoint == 0 && !readModelHasDocuments)
        {
            await index.CreateFirstAsync(ct);
            logger.LogInformation("Created Elasticsearch index {Index} behind {Alias}", index.VersionedName(1), options.Alias);
            return;
        }
        else
            logger.LogWarning("Elasticsearch alias {Alias} is missing while the registry holds documents (projector at outbox position {Checkpoint}): rebuilding the index from the read model",
                options.Alias, checkpoint);

        var rebuilt = await rebuild.RunAsync(TextWriter.Null, ct);
        logger.LogInformation("Rebuilt Elasticsearch index {Index} behind {Alias}", rebuilt, options.Alias);
    }
}
