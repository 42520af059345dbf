using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Registry.LoadTests;

/// <summary>
/// Webhook fan-out: N receivers (Kestrel on loopback ports in this process) each subscribe to every attestation; the
/// step issues one (decisions on pre-submitted applications, as in the lag scenario). Delivery lag per receiver and
/// document = webhook received − decision answered (0 when the webhook came first). The API must allow loopback
/// receivers (scripts/load-test.sh sets Webhooks__AllowLoopback=true).
/// The "webhooks-feed" variant (<paramref name="feedConnection"/> set) isolates the dispatcher from the write path: each
/// step appends one attestation change straight to read.changes (batched per commit with one wake-up notice, as the
/// projector does) and the lag runs from that commit. The write path's own lag is the "lag" scenario.
/// </summary>
public static class WebhookFanOut
{
    public static async Task<Scenario> CreateAsync(HttpClient http, string token, Samples samples, int submitted, string connection, int receivers, int inFlight, string? feedConnection = null)
    {
        var arrivals = new ConcurrentDictionary<(int Receiver, string Number), long>();
        var hosts = new List<WebApplication>();
        var urls = new List<string>();
        for (var i = 0; i < receivers; i++)
        {
            var (host, url) = await StartReceiverAsync(i, arrivals);
            hosts.Add(host);
            urls.Add(url);
        }

        var client = JsonDocument.Parse((await Scenarios.Post(http, token, "/api/v1/admin/webhook-clients", """{"name":"Load test receivers"}""")).Body).RootElement;
        var key = JsonDocument.Parse((await Scenarios.Post(http, token, $"/api/v1/admin/webhook-clients/{client.GetProperty("id").GetString()}/key", "{}")).Body)
            .RootElement.GetProperty("apiKey").GetString()!;
        var subscriptions = new List<string>();
        foreach (var url in urls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/subscriptions")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { url, kind = "attestation", maxInFlight = inFlight }), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", key);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Subscribing {url}: {(int)response.StatusCode} {body}");
            subscriptions.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
        }

        var decide = feedConnection is null ? await Scenarios.PreSubmittedDecisionsAsync(http, token, samples, submitted, connection) : AppendToFeed(feedConnection);
        var committed = new ConcurrentDictionary<string, long>();
        var lag = new LongConcurrentHistogram(1, 600_000_000, 3);

        async Task Finish()
        {
            var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
            while (arrivals.Count < committed.Count * receivers && Stopwatch.GetTimestamp() < deadline) await Task.Delay(20);
            foreach (var ((_, number), arrived) in arrivals)
                if (committed.TryGetValue(number, out var at)) lag.RecordValue(Math.Max(1, (arrived - at) * 1_000_000 / Stopwatch.Frequency));
            var missing = committed.Count * receivers - arrivals.Count(a => committed.ContainsKey(a.Key.Number));
            Console.WriteLine($"webhooks: {committed.Count} decisions × {receivers} receivers, {missing} deliveries missing 30 s after the run");
            foreach (var id in subscriptions)
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/webhooks/subscriptions/{id}");
                request.Headers.Add("X-Api-Key", key);
                (await http.SendAsync(request)).Dispose();
            }
            foreach (var host in hosts) await host.DisposeAsync();
        }

        return new(feedConnection is null ? "webhooks" : "webhooks-feed", async () =>
        {
            var (reply, number) = await decide();
            if (number is not null) committed[number] = Stopwatch.GetTimestamp();
            return reply;
        }, lag, Finish, feedConnection is null
            ? $"webhook delivery lag (decision answered → received, {receivers} receivers, {inFlight} in flight each)"
            : $"webhook delivery lag (change committed to the feed → received, {receivers} receivers, {inFlight} in flight each)");
    }

    /// <summary>One change per step (unique made-up numbers), committed the way the projector commits them: whatever has
    /// queued up since the last commit goes in one transaction with one wake-up notice. A step returns when its change is
    /// committed.</summary>
    static Func<Task<(Reply Reply, string? Number)>> AppendToFeed(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = 0L;
        var queue = Channel.CreateUnbounded<(string Number, TaskCompletionSource<bool> Committed)>();
        _ = Task.Run(async () =>
        {
            var batch = new List<(string Number, TaskCompletionSource<bool> Committed)>();
            while (await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < 500 && queue.Reader.TryRead(out var item)) batch.Add(item);
                try
                {
                    await using var cmd = dataSource.CreateCommand("""
                        with c as (insert into read.changes (document_id, kind, number, version, change, status)
                              select gen_random_uuid(), 'attestation', n, 1, 'issued', 'valid' from unnest($1::text[]) n returning seq)
                        select pg_notify('webhooks_wake', '') from (select 1 from c limit 1) one
                        """);
                    cmd.Parameters.AddWithValue(batch.Select(b => b.Number).ToArray());
                    await cmd.ExecuteNonQueryAsync();
                    foreach (var b in batch) b.Committed.TrySetResult(true);
                }
                catch (NpgsqlException)
                {
                    foreach (var b in batch) b.Committed.TrySetResult(false);
                }
            }
        });
        return async () =>
        {
            var number = $"WH-{run}-{Interlocked.Increment(ref next)}";
            var committed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Writer.TryWrite((number, committed));
            return await committed.Task ? (new Reply(true, 200, 0), number) : (new Reply(false, 0, 0, nameof(NpgsqlException)), null);
        };
    }

    static async Task<(WebApplication Host, string Url)> StartReceiverAsync(int receiver, ConcurrentDictionary<(int, string), long> arrivals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var host = builder.Build();
        host.MapPost("/hook", async (HttpContext context) =>
        {
            var received = Stopwatch.GetTimestamp();
            using var json = await JsonDocument.ParseAsync(context.Request.Body);
            arrivals.TryAdd((receiver, json.RootElement.GetProperty("data").GetProperty("number").GetString()!), received);
            return Results.NoContent();
        });
        await host.StartAsync();
        return (host, $"{host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/hook");
    }
}
