using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Registry.Projections.Caching;

/// <summary>Keeps one LISTEN connection for the read-model cache; the cache is live only while it is connected.</summary>
public sealed class ReadModelChangeListener(ReadModelCache cache, NpgsqlDataSource dataSource, ILogger<ReadModelChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => cache.Changed(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {ReadModelCache.NotifyChannel}", conn))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening(true);
                while (true) await conn.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Read-model cache lost its LISTEN connection; reading through until it reconnects");
            }
            finally
            {
                cache.Listening(false);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }
}
