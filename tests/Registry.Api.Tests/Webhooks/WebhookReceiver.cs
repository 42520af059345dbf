using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Registry.Api.Tests.Webhooks;

/// <summary>A third party's webhook endpoint on a loopback port: records every delivery as received, then answers as
/// <see cref="Respond"/> says (status code, after any delay).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Id, long Timestamp, string Signature, string Body, DateTime ReceivedAt)
    {
        public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data");
        public long Seq => Data.GetProperty("seq").GetInt64();

        /// <summary>Checks the signature the way the Standard Webhooks libraries do.</summary>
        public bool SignedWith(string secret)
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
            return Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
        }
    }

    readonly WebApplication host;

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();
    public Func<Delivery, Task<int>> Respond { get; set; } = _ => Task.FromResult(200);
    public string Url { get; }

    WebhookReceiver(WebApplication host, string url)
    {
        this.host = host;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var host = builder.Build();
        WebhookReceiver? receiver = null;
        host.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var delivery = new Delivery(http.Request.Headers["webhook-id"].ToString(), long.Parse(http.Request.Headers["webhook-timestamp"].ToString()),
                http.Request.Headers["webhook-signature"].ToString(), await reader.ReadToEndAsync(), DateTime.UtcNow);
            receiver!.Deliveries.Enqueue(delivery);
            return Results.StatusCode(await receiver.Respond(delivery));
        });
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver = new WebhookReceiver(host, $"{address}/hook");
    }

    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Deliveries.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(Deliveries.Count >= count, $"Expected {count} deliveries, got {Deliveries.Count}.");
        return [.. Deliveries];
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await host.StopAsync(timeout.Token);
        await host.DisposeAsync();
    }
}
