using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Projections.Caching;

namespace Registry.Api.Features.Webhooks;

/// <summary>What a receiver gets, one per document change (a row of the change feed). The body never changes between
/// attempts, and its webhook-id is the change's: a receiver drops duplicates by id.</summary>
public sealed record WebhookEvent(string Type, DateTime Timestamp, WebhookChange Data)
{
    public const string DocumentChanged = "document.changed";
}

public sealed record WebhookChange(long Seq, string Change, string Number, string Kind, int Version, string Status, DateTime ChangedAt)
{
    public string EventId => $"chg_{Seq}";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookEvent))]
public sealed partial class WebhookJson : JsonSerializerContext;

/// <summary>
/// Delivers the change feed (read.changes, in seq order) to subscriptions. Each subscription keeps a position; an
/// instance leases a subscription and a worker posts its matching changes one at a time in order, moving the position on
/// only past changes the receiver answered 2xx, so a crash redelivers (same webhook-id) rather than loses. Subscriptions
/// are delivered concurrently, so a slow receiver delays only itself. A worker keeps its subscription while changes keep
/// coming (caught up, it waits for the next notice instead of giving the subscription back) and saves the position at
/// most every SaveInterval: a busy subscription costs one read per page of changes, not a claim, a read and a save per
/// change. A failure backs off exponentially with jitter; a subscription failing for longer than the horizon is disabled
/// with the reason. Wakes on the projector's notice, polls as a fallback.
/// Moving a position to the feed's high-water mark relies on read.changes rows committing in seq order. The feed
/// enforces it for every writer (migration 0290: each insert statement first takes a transaction-level lock, so seqs are
/// taken and committed one transaction at a time); before, a load scenario with concurrent writers skipped 2 of 162,000
/// deliveries in one run.
/// </summary>
public sealed class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> configured,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string WakeChannel = "webhooks_wake";

    readonly WebhookOptions options = configured.Value;
    readonly Guid instance = Guid.NewGuid();
    readonly ConcurrentDictionary<Guid, byte> running = new();
    readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    TaskCompletionSource nextChange = new(TaskCreationOptions.RunContinuationsAsynchronously);

    sealed record Claimed(Guid Id, string Url, string Secret, string? Kind, string? Bin, string? NumberNorm, int MaxInFlight, long Position, int Attempts, DateTime? FailingSince);

    sealed record PendingRow(long HighWater, long? Seq, string? Kind, string? Number, int? Version, string? Change, string? Status, DateTime? ChangedAt);

    sealed record Outcome(bool Delivered, bool Gone, int? StatusCode, string? Error, int DurationMs);

    const string Claim = """
        with hw as (select coalesce(max(seq), 0) as seq from read.changes),
        due as (
            select s.id from webhook_subscriptions s, hw
            where s.status = 'active' and s.next_attempt_at <= now() and (s.lease_until is null or s.lease_until < now())
              and s.position < hw.seq and s.id <> all(@running)
            order by s.next_attempt_at
            limit @limit
            for update of s skip locked)
        update webhook_subscriptions s set lease_owner = @owner, lease_until = now() + @lease
        from due where s.id = due.id
        returning s.id, s.url, s.secret, s.kind, s.bin, s.number_norm as numbernorm, s.max_in_flight as maxinflight, s.position, s.attempts, s.failing_since as failingsince
        """;

    const string Succeeded = """
        update webhook_subscriptions set position = @position, attempts = 0, failing_since = null, last_error = null, last_status_code = null,
            last_delivered_at = case when @delivered then now() else last_delivered_at end,
            next_attempt_at = now(), lease_owner = case when @keepLease then lease_owner end, lease_until = case when @keepLease then now() + @lease end
        where id = @id and lease_owner = @owner
        """;

    const string Failed = """
        insert into webhook_attempts (subscription_id, seq, event_id, attempt, status_code, error, duration_ms)
        select @id, @seq, @eventId, @attempt, @statusCode, @error, @durationMs where exists (select 1 from webhook_subscriptions where id = @id);
        delete from webhook_attempts where subscription_id = @id
          and id < (select id from webhook_attempts where subscription_id = @id order by id desc offset 99 limit 1);
        update webhook_subscriptions set position = @position, attempts = @attempt, failing_since = @failingSince,
            next_attempt_at = now() + @delay, last_error = @error, last_status_code = @statusCode, lease_owner = null, lease_until = null,
            status = case when @disable then 'disabled' else status end,
            disabled_at = case when @disable then now() end, disabled_reason = case when @disable then @reason end
        where id = @id and lease_owner = @owner
        """;

    /// <summary>Rings the dispatcher now instead of at the next poll: the claim loop and every worker waiting caught up.</summary>
    public void Wake()
    {
        wake.Writer.TryWrite(true);
        Interlocked.Exchange(ref nextChange, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ClaimAndStartAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook dispatcher could not claim subscriptions; retrying after the poll interval");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.PollInterval);
            try
            {
                await wake.Reader.ReadAsync(timeout.Token);
                await Task.Delay(options.CoalesceWindow, stoppingToken); // a burst of notices is one claim, not hundreds
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
        }
        for (var i = 0; i < 100 && !running.IsEmpty; i++) await Task.Delay(50, CancellationToken.None);
        await listening;
    }

    async Task ClaimAndStartAsync(CancellationToken ct)
    {
        var free = options.MaxConcurrentDeliveries - running.Count;
        if (free <= 0) return;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var claimed = await conn.QueryAsync<Claimed>(new CommandDefinition(Claim,
            new { owner = instance, lease = options.Lease, limit = free, running = running.Keys.ToArray() }, cancellationToken: ct));
        foreach (var subscription in claimed)
        {
            running[subscription.Id] = 0;
            _ = Task.Run(async () =>
            {
                try
                {
                    await DeliverPendingAsync(subscription, ct);
                }
                finally
                {
                    running.TryRemove(subscription.Id, out _);
                    wake.Writer.TryWrite(true); // it may have more to deliver, now or after its back-off
                }
            }, CancellationToken.None);
        }
    }

    async Task DeliverPendingAsync(Claimed subscription, CancellationToken ct)
    {
        var position = subscription.Position;
        var savedPosition = position;
        var deliveredThisRun = false;
        var deliveredSinceSave = false;
        var runEnds = clock.GetUtcNow() + options.Lease / 2; // then the subscription goes back, for instances to share
        var lastSave = clock.GetUtcNow();
        try
        {
            while (clock.GetUtcNow() < runEnds)
            {
                var changed = Volatile.Read(ref nextChange).Task; // taken before the read, so a change committed after it still wakes this worker
                var (highWater, changes) = await ReadPendingAsync(subscription, position, ct);
                var page = await PostPageAsync(subscription, changes, ct);
                if (page.DeliveredUpTo is { } upTo)
                {
                    position = upTo;
                    deliveredThisRun = deliveredSinceSave = true;
                }
                if (page.Failure is var (failed, outcome))
                {
                    await RecordFailureAsync(subscription, position, deliveredThisRun, failed, outcome, ct);
                    return;
                }
                var caughtUp = changes.Count < options.BatchSize;
                if (caughtUp) position = Math.Max(position, highWater); // nothing else up to highWater matches this subscription
                if (position != savedPosition && clock.GetUtcNow() - lastSave >= options.SaveInterval)
                {
                    if (!await SaveAsync(subscription, position, deliveredSinceSave, keepLease: true, ct)) return; // replayed or deleted meanwhile
                    (savedPosition, deliveredSinceSave, lastSave) = (position, false, clock.GetUtcNow());
                }
                if (caughtUp && !await NextChangeAsync(changed, ct)) break;
            }
            await SaveAsync(subscription, position, deliveredSinceSave, keepLease: false, ct);
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException) logger.LogError(e, "Webhook subscription {Subscription} failed a run", subscription.Id);
            // Keep what was delivered; what was not is delivered again (same ids) by whoever takes the subscription next.
            try { await SaveAsync(subscription, position, deliveredSinceSave, keepLease: false, CancellationToken.None); }
            catch (Exception inner) { logger.LogWarning(inner, "Webhook subscription {Subscription}: position not saved; its lease will expire", subscription.Id); }
        }
    }

    /// <summary>Posts a page of changes in feed order, up to the subscription's MaxInFlight at once but never two of one
    /// document, so each document's changes arrive in order (with 1, every change does). Says how far the page was
    /// delivered without a gap and the first failure; changes after it that did arrive are delivered again later
    /// (same ids), since the position only moves past a gap-free run.</summary>
    async Task<(long? DeliveredUpTo, (WebhookChange Change, Outcome Outcome)? Failure)> PostPageAsync(
        Claimed subscription, IReadOnlyList<WebhookChange> changes, CancellationToken ct)
    {
        var window = new Queue<(WebhookChange Change, Task<Outcome> Posted)>();
        var documentsInFlight = new HashSet<string>(StringComparer.Ordinal);
        long? deliveredUpTo = null;
        (WebhookChange, Outcome)? failure = null;

        async Task CompleteOldestAsync()
        {
            var (change, posted) = window.Dequeue();
            var outcome = await posted;
            documentsInFlight.Remove(change.Number);
            if (failure is not null) return;
            if (outcome.Delivered) deliveredUpTo = change.Seq;
            else failure = (change, outcome);
        }

        foreach (var change in changes)
        {
            while (failure is null && window.Count > 0
                && (window.Count >= subscription.MaxInFlight || documentsInFlight.Contains(change.Number)))
                await CompleteOldestAsync();
            if (failure is not null) break;
            documentsInFlight.Add(change.Number);
            window.Enqueue((change, PostAsync(subscription, change, ct)));
        }
        while (window.Count > 0) await CompleteOldestAsync(); // nothing is left under way when the run moves on
        return (deliveredUpTo, failure);
    }

    /// <summary>Waits for a notice of new changes, then a moment more so that a burst is read as one page. False when
    /// nothing came within a poll interval: the worker gives the subscription back.</summary>
    async Task<bool> NextChangeAsync(Task changed, CancellationToken ct)
    {
        try
        {
            await changed.WaitAsync(options.PollInterval, ct);
        }
        catch (TimeoutException)
        {
            return false;
        }
        await Task.Delay(options.CoalesceWindow, ct);
        return true;
    }

    async Task<(long HighWater, IReadOnlyList<WebhookChange> Changes)> ReadPendingAsync(Claimed s, long position, CancellationToken ct)
    {
        var filters = (s.Kind is null ? "" : " and c.kind = @kind")
            + (s.NumberNorm is null ? "" : " and c.document_id = (select document_id from read.documents where number_norm = @numberNorm)")
            + (s.Bin is null ? "" : " and c.document_id in (select document_id from read.documents where holder_identifier = @bin)");
        // One statement, one snapshot: every matching change up to highWater is in the page unless the page is full.
        var sql = $"""
            with hw as (select coalesce(max(seq), 0) as seq from read.changes)
            select hw.seq as highwater, c.seq, c.kind, c.number, c.version, c.change, c.status, c.changed_at as changedat
            from hw left join lateral (
                select c.seq, c.kind, c.number, c.version, c.change, c.status, c.changed_at from read.changes c
                where c.seq > @position and c.seq <= hw.seq{filters}
                order by c.seq limit @limit) c on true
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<PendingRow>(new CommandDefinition(sql,
            new { position, limit = options.BatchSize, kind = s.Kind, numberNorm = s.NumberNorm, bin = s.Bin }, cancellationToken: ct))).AsList();
        return (rows[0].HighWater, [.. rows.Where(r => r.Seq is not null)
            .Select(r => new WebhookChange(r.Seq!.Value, r.Change!, r.Number!, r.Kind!, r.Version!.Value, r.Status!, r.ChangedAt!.Value))]);
    }

    async Task<Outcome> PostAsync(Claimed s, WebhookChange change, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookEvent(WebhookEvent.DocumentChanged, change.ChangedAt, change), WebhookJson.Default.WebhookEvent);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, s.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", change.EventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(s.Secret, change.EventId, timestamp, body));
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await httpClients.CreateClient(WebhookRegistration.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new Outcome(true, false, status, null, Elapsed())
                : new Outcome(false, status == 410, status, $"The receiver answered {status} {response.ReasonPhrase}.", Elapsed());
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookRefusedException refused)
        {
            return new Outcome(false, false, null, $"Refused: {refused.Message}", Elapsed());
        }
        catch (HttpRequestException e)
        {
            return new Outcome(false, false, null, $"Could not deliver: {e.Message}", Elapsed());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(false, false, null, $"No answer within {options.Timeout.TotalSeconds:0.#} s.", Elapsed());
        }
    }

    async Task RecordFailureAsync(Claimed s, long position, bool deliveredThisRun, WebhookChange change, Outcome outcome, CancellationToken ct)
    {
        var attempt = deliveredThisRun ? 1 : s.Attempts + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var failingSince = deliveredThisRun ? now : s.FailingSince ?? now;
        var disable = outcome.Gone || now - failingSince >= options.RetryHorizon;
        var reason = outcome.Gone
            ? "The receiver answered 410 Gone: it asked for no more deliveries."
            : $"Deliveries failed for more than {options.RetryHorizon} (since {failingSince:u}); last error: {outcome.Error}";
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Failed, new
        {
            id = s.Id, owner = instance, seq = change.Seq, eventId = change.EventId, attempt, outcome.StatusCode, outcome.Error, outcome.DurationMs,
            position, failingSince, delay = RetryDelay(attempt), disable, reason,
        }, cancellationToken: ct));
        if (disable) logger.LogWarning("Webhook subscription {Subscription} disabled: {Reason}", s.Id, reason);
    }

    /// <summary>Exponential from the base delay, capped, with "equal jitter" (half fixed, half random) so that receivers
    /// coming back are not hit by every subscription at once.</summary>
    TimeSpan RetryDelay(int attempt)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < options.RetryMaxDelay ? exponential : options.RetryMaxDelay;
        return capped * (0.5 + Random.Shared.NextDouble() * 0.5);
    }

    async Task<bool> SaveAsync(Claimed s, long position, bool delivered, bool keepLease, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(Succeeded,
            new { id = s.Id, owner = instance, position, delivered, keepLease, lease = options.Lease }, cancellationToken: ct)) == 1;
    }

    /// <summary>A dedicated connection LISTENs for the projector's notices (new changes are visible) and replays; a lost
    /// connection only means polling until it is back.</summary>
    async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(ct);
                conn.Notification += (_, _) => Wake();
                await conn.ExecuteAsync($"listen {ReadModelCache.NotifyChannel}; listen {WakeChannel}");
                while (!ct.IsCancellationRequested) await conn.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning(e, "Webhook dispatcher lost its LISTEN connection; polling until it is back");
                try { await Task.Delay(options.PollInterval, ct); } catch (OperationCanceledException) { }
            }
        }
    }
}
