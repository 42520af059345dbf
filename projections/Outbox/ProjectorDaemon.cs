using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Domain.Events;

namespace Registry.Projections.Outbox;

public sealed class ProjectorOptions
{
    public int BatchSize { get; set; } = 500;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a doorbell waits for more commits before the batch is read. Under a stream of decisions each one
    /// rang alone and was projected alone: a batch's fixed work (checkpoint, word counts, pair counts, commit) for one
    /// document. 20 ms gathers a few, and is small beside the lag a reader notices.</summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>
/// Runs one projector: drains the outbox in batches whenever LISTEN rings or the poll interval passes. The notification
/// is only a doorbell (it is lost while disconnected and never replayed); the outbox table is the truth.
/// With several API instances on one database, one daemon per projector name is active: it holds a session advisory
/// lock on its LISTEN connection, and the others try to take the lock every poll interval. The lock goes with the
/// session, so when the active instance stops, crashes or loses its connection another one takes over. The checkpoint's
/// optimistic guard stays the safety net for the moment two believe they are active (a takeover racing a slow batch).
/// </summary>
public sealed class ProjectorDaemon(IProjector projector, NpgsqlDataSource dataSource, ProjectorOptions options, ILogger<ProjectorDaemon> logger)
    : BackgroundService
{
    /// <summary>The advisory lock class of projector leadership; the second key is hashtext(projector name), and
    /// <see cref="ProjectionStatus"/> finds the holder in pg_locks by the same pair.</summary>
    public const int LeadershipLockClass = 20121068;

    // Server-side keepalives on the lock's session: if the active instance's machine vanishes without closing its
    // socket, PostgreSQL ends the session (and frees the lock) after about 10 + 3 × 5 s instead of the OS default hours.
    const string TryLead = """
        select pg_try_advisory_lock(@lockClass, hashtext(@name))
        """;
    const string Prepare = $"""
        set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3;
        listen {OutboxChannel.Name}
        """;
    const string Resign = "select pg_advisory_unlock(@lockClass, hashtext(@name)); unlisten *";

    static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    volatile NpgsqlConnection? leadership;

    public string Name => projector.Name;

    /// <summary>Whether this instance is the one projecting <see cref="Name"/> right now.</summary>
    public bool IsActive => leadership is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                leadership ??= await TryLeadAsync(stoppingToken);
                if (leadership is null)
                {
                    await Task.Delay(options.PollInterval, stoppingToken);
                    continue;
                }
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
                    if (leadership is { State: not System.Data.ConnectionState.Open } lost)
                    {
                        // The database went away with the lock's session: compete for the lock again once it is back.
                        await lost.DisposeAsync();
                        leadership = null;
                    }
                    await Task.Delay(delay, stoppingToken);
                    continue;
                }
                leadership = await WaitForWorkAsync(leadership, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (leadership is { } held) await ResignAsync(held);
            leadership = null;
        }
    }

    /// <summary>Projects one batch and advances the checkpoint in the same transaction. Returns how many messages it applied.</summary>
    public async Task<int> ProjectBatchAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await OutboxReader.DeclareNoOutboxWritesAsync(conn, tx, ct); // other projectors need not wait for this batch
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

    /// <summary>A connection holding this projector's lock and listening for the outbox doorbell, or null when another
    /// instance holds the lock (or the database cannot be reached).</summary>
    async Task<NpgsqlConnection?> TryLeadAsync(CancellationToken ct)
    {
        NpgsqlConnection? conn = null;
        try
        {
            conn = await dataSource.OpenConnectionAsync(ct);
            await using (var tryLead = new NpgsqlCommand(TryLead, conn) { Parameters = { new("lockClass", LeadershipLockClass), new("name", projector.Name) } })
            {
                if (await tryLead.ExecuteScalarAsync(ct) is true)
                {
                    await using var prepare = new NpgsqlCommand(Prepare, conn);
                    await prepare.ExecuteNonQueryAsync(ct);
                    logger.LogInformation("Projector {Projector} is active on this instance", projector.Name);
                    return conn;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Projector {Projector} cannot reach the database to take its lock; retrying", projector.Name);
        }
        if (conn is not null) await conn.DisposeAsync();
        return null;
    }

    /// <summary>Waits for the doorbell (then the coalescing window) or the poll interval. A broken connection has lost the lock with its session:
    /// this instance steps down and competes for the lock again.</summary>
    async Task<NpgsqlConnection?> WaitForWorkAsync(NpgsqlConnection held, CancellationToken ct)
    {
        try
        {
            if (await held.WaitAsync(options.PollInterval, ct) && options.CoalesceWindow > TimeSpan.Zero)
                await Task.Delay(options.CoalesceWindow, ct);
            return held;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Projector {Projector} lost its lock connection; stepping down", projector.Name);
            await held.DisposeAsync();
            return null;
        }
    }

    /// <summary>Gives the lock back before the connection returns to the pool, where its session (and lock) would live on.</summary>
    async Task ResignAsync(NpgsqlConnection held)
    {
        try
        {
            await using var resign = new NpgsqlCommand(Resign, held) { Parameters = { new("lockClass", LeadershipLockClass), new("name", projector.Name) } };
            await resign.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session is gone, and its lock with it.
        }
        await held.DisposeAsync();
    }
}
