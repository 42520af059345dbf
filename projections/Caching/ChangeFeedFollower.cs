using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Domain.Documents;

namespace Registry.Projections.Caching;

/// <summary>
/// Keeps the read-model cache exact on an instance that reads from a PostgreSQL replica. LISTEN/NOTIFY is not replicated
/// to standbys, and a notice from the primary would arrive before the replica has replayed the change (an entry read from
/// the replica just after the eviction would be stale for good). So this follows read.changes on the replica itself: a
/// row there is visible exactly when the document's new state is (the projector writes both in one transaction), and
/// rows become visible in seq order (one projector commits at a time), so reading after the last seq seen misses none.
/// </summary>
public sealed class ChangeFeedFollower(ReadModelCache cache, NpgsqlDataSource replica, ReadCacheOptions options, ILogger<ChangeFeedFollower> logger)
    : BackgroundService
{
    const string Last = "select coalesce(max(seq), 0) from read.changes";
    const string After = "select seq, number from read.changes where seq > @after order by seq limit 1000";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await replica.OpenConnectionAsync(stoppingToken);
                var after = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Last, cancellationToken: stoppingToken));
                cache.Listening(true);
                while (true)
                {
                    var changes = (await conn.QueryAsync<(long Seq, string Number)>(new CommandDefinition(After, new { after }, cancellationToken: stoppingToken))).AsList();
                    if (changes.Count > 0)
                    {
                        after = changes[^1].Seq;
                        cache.Changed(after, changes.Select(c => DocumentNumber.Normalize(c.Number)).ToHashSet(StringComparer.Ordinal));
                        continue;
                    }
                    await Task.Delay(options.FeedPollInterval, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Read-model cache lost the replica's change feed; reading through until it reconnects");
            }
            finally
            {
                cache.Listening(false);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }
}
