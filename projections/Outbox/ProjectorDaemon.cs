using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Domain.Events;

namespace Registry.Projections.Outbox;

public sealed class ProjectorOptions
{
    public int BatchSize { get; set; } = 500;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Runs one projector: drains the outbox in batches whenever LISTEN rings or the poll interval passes. The notification
/// is only a doorbell (it is lost while disconnected and never replayed); the outbox table is the truth.
/// </summary>
public sealed class ProjectorDaemon(IProjector projector, NpgsqlDataSource dataSource, ProjectorOptions options, ILogger<ProjectorDaemon> logger)
    : BackgroundService
{
    static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public string Name => projector.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NpgsqlConnection? listener = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                listener ??= await TryListenAsync(stoppingToken);
                try
                {
                    while (await ProjectBatchAsync(stoppingToken) > 0) { }
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The checkpoint stays; the same batch is tried again after a back-off that doubles with each failure
                    // (new outbox rows do not hurry it: an overloaded target gets room).
                    var delay = TimeSpan.FromTicks(Math.Min(options.PollInterval.Ticks << Math.Min(failures++, 10), MaxRetryDelay.Ticks));
                    logger.LogError(e, "Projector {Projector} failed a batch; retrying in {Delay}", projector.Name, delay);
                    await Task.Delay(delay, stoppingToken);
                    continue;
                }
                listener = await WaitForWorkAsync(listener, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (listener is not null) await listener.DisposeAsync();
        }
    }

    /// <summary>Projects one batch and advances the checkpoint in the same transaction. Returns how many messages it applied.</summary>
    public async Task<int> ProjectBatchAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var from = await OutboxReader.CheckpointAsync(conn, projector.Name, tx, ct);
        var batch = await OutboxReader.ReadAsync(conn, from, options.BatchSize, tx, ct);
        if (batch.Count == 0)
        {
            await tx.CommitAsync(ct); // keeps a first-run checkpoint row, so readiness lists this projector from the start
            return 0;
        }

        await projector.ApplyAsync(batch, tx, ct);
        var last = batch[^1];
        if (!await OutboxReader.AdvanceAsync(conn, projector.Name, from, new Checkpoint(last.Tx, last.Position), tx, ct))
        {
            // Another instance of this projector moved the checkpoint first; its work stands and ours is discarded.
            await tx.RollbackAsync(ct);
            return 0;
        }
        await tx.CommitAsync(ct);
        return batch.Count;
    }

    async Task<NpgsqlConnection?> TryListenAsync(CancellationToken ct)
    {
        try
        {
            var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand($"listen {OutboxChannel.Name}", conn);
            await cmd.ExecuteNonQueryAsync(ct);
            return conn;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Projector {Projector} cannot LISTEN; polling only", projector.Name);
            return null;
        }
    }

    async Task<NpgsqlConnection?> WaitForWorkAsync(NpgsqlConnection? listener, CancellationToken ct)
    {
        if (listener is null)
        {
            await Task.Delay(options.PollInterval, ct);
            return null;
        }
        try
        {
            await listener.WaitAsync(options.PollInterval, ct);
            return listener;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Projector {Projector} lost its LISTEN connection; reconnecting", projector.Name);
            await listener.DisposeAsync();
            return null;
        }
    }
}
