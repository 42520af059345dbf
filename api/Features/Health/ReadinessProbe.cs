using Dapper;
using Npgsql;
using Registry.Projections.Outbox;

namespace Registry.Api.Features.Health;

/// <summary>
/// Readiness costs two database queries, so a load balancer polling it (or someone hammering it) gets the answer of
/// the last second. The check has its own short time-out: a frozen database makes the probe say so, not hang.
/// </summary>
public sealed class ReadinessProbe(NpgsqlDataSource dataSource, ProjectionStatus projections, TimeProvider clock)
{
    public const string Ready = "ready";

    /// <summary>Readiness fails when a projector's oldest unprocessed event is older than this.</summary>
    static readonly TimeSpan MaxProjectionLag = TimeSpan.FromSeconds(30);
    static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Status: ready, projections-behind or database-unreachable.</summary>
    public sealed record Readiness(string Status, bool Database, IReadOnlyList<ProjectorLag> Projections);

    readonly SemaphoreSlim gate = new(1, 1);
    (DateTimeOffset At, Readiness Answer)? last;

    public async Task<Readiness> CheckAsync(CancellationToken ct)
    {
        if (Fresh() is { } cached) return cached;
        await gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            var answer = await MeasureAsync(ct);
            last = (clock.GetUtcNow(), answer);
            return answer;
        }
        finally
        {
            gate.Release();
        }
    }

    Readiness? Fresh() => last is { } l && clock.GetUtcNow() - l.At < CacheFor ? l.Answer : null;

    async Task<Readiness> MeasureAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using (var conn = await dataSource.OpenConnectionAsync(timeout.Token))
                await conn.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: timeout.Token));
            var lag = await projections.LagAsync(timeout.Token);
            var behind = lag.Any(l => l.OldestPendingSeconds > MaxProjectionLag.TotalSeconds);
            return new Readiness(behind ? "projections-behind" : Ready, true, lag);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new Readiness("database-unreachable", false, []);
        }
    }
}
