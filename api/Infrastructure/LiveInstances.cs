using Dapper;
using Npgsql;

namespace Registry.Api.Infrastructure;

/// <summary>
/// How many API instances serve from this database right now. Each instance holds a shared advisory lock on one session
/// for as long as it runs, and counts the holders in pg_locks every few seconds: an instance that stops or crashes drops
/// out as soon as PostgreSQL ends its session (server-side keepalives bound that to about 25 s for a vanished machine).
/// The shared rate limit divides by this count. Nothing is written, so counting costs one small query per refresh.
/// </summary>
public sealed class LiveInstances(NpgsqlDataSource dataSource, ILogger<LiveInstances> logger) : BackgroundService
{
    const long PresenceLock = 20121068_0003;
    static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    const string Join = """
        set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3;
        select pg_advisory_lock_shared(@PresenceLock)
        """;
    const string CountHolders = """
        select count(*) from pg_locks
        where locktype = 'advisory' and granted and objsubid = 1
          and database = (select oid from pg_database where datname = current_database())
          and classid = (@PresenceLock >> 32)::oid and objid = (@PresenceLock & 4294967295)::oid
        """;

    volatile int count = 1;

    /// <summary>At least 1 (this instance); the last count seen while the database cannot be reached.</summary>
    public int Count => count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                await conn.ExecuteAsync(new CommandDefinition(Join, new { PresenceLock }, cancellationToken: stoppingToken));
                try
                {
                    while (true)
                    {
                        var seen = (int)Math.Max(1, await conn.ExecuteScalarAsync<long>(new CommandDefinition(CountHolders, new { PresenceLock }, cancellationToken: stoppingToken)));
                        if (seen != count) logger.LogInformation("{Count} API instance(s) serve from this database", seen);
                        count = seen;
                        await Task.Delay(Refresh, stoppingToken);
                    }
                }
                finally
                {
                    // Before the session goes back to the pool, where it (and the lock) would live on.
                    await LeaveAsync(conn);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Cannot count live API instances; keeping {Count}", count);
            }
            await Task.Delay(Refresh, stoppingToken);
        }
    }

    static async Task LeaveAsync(NpgsqlConnection conn)
    {
        try
        {
            await conn.ExecuteAsync("select pg_advisory_unlock_shared(@PresenceLock)", new { PresenceLock });
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session is gone, and its lock with it.
        }
    }
}
