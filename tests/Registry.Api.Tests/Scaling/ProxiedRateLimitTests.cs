using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Scaling;

/// <summary>Two instances behind a balancer at 10.0.0.5, the only known proxy, sharing a limit of 20 requests per second
/// per client address.</summary>
public sealed class TwoInstancesBehindAProxy : IAsyncLifetime
{
    public const string Proxy = "10.0.0.5";
    public const int Limit = 20;
    string connectionString = "";

    public InstanceApp First { get; private set; } = null!;
    public InstanceApp Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = $"{Limit}",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["Projections:Enabled"] = "false",
        };
        First = new InstanceApp(connectionString, settings);
        Second = new InstanceApp(connectionString, settings);
        await Task.WhenAll(First.StartAsync(), Second.StartAsync());
        // Each instance counts the other before the tests measure shares.
        foreach (var instance in new[] { First, Second })
        {
            var live = instance.Services.GetRequiredService<LiveInstances>();
            for (var i = 0; i < 400 && live.Count != 2; i++) await Task.Delay(25);
            Assert.Equal(2, live.Count);
        }
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await TestDatabase.DropAsync(connectionString);
    }
}

public sealed class ProxiedRateLimitTests(TwoInstancesBehindAProxy instances) : IClassFixture<TwoInstancesBehindAProxy>
{
    const string Verify = "/api/v1/verify/ATT-1999-000001";

    static HttpRequestMessage From(string peer, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Verify);
        request.Headers.Add(InstanceApp.PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    /// <summary>Sends until the first 429 (or gives up); returns it.</summary>
    static async Task<HttpResponseMessage?> UntilLimitedAsync(HttpClient client, Func<int, HttpRequestMessage> request)
    {
        for (var i = 0; i < 200; i++)
        {
            var response = await client.SendAsync(request(i));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return response;
        }
        return null;
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_limit()
    {
        var client = instances.First.Anonymous();
        var limited = await UntilLimitedAsync(client, _ => From(TwoInstancesBehindAProxy.Proxy, "198.51.100.1"));
        Assert.NotNull(limited);
        var problem = await limited.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("198.51.100.1", problem!.Detail);
        Assert.DoesNotContain("this client", problem.Detail, StringComparison.OrdinalIgnoreCase);

        // Another client behind the same proxy is not held back by the first one.
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(From(TwoInstancesBehindAProxy.Proxy, "198.51.100.2"))).StatusCode);
        // Addresses the client wrote in front of the header itself are not reached: the proxy appended the real one.
        var spoofing = await UntilLimitedAsync(client, _ => From(TwoInstancesBehindAProxy.Proxy, "198.51.100.3, 198.51.100.1"));
        Assert.Contains("198.51.100.1", (await spoofing!.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_peer_are_ignored()
    {
        var limited = await UntilLimitedAsync(instances.First.Anonymous(), i => From("203.0.113.7", $"192.0.2.{i % 250 + 1}"));
        Assert.NotNull(limited);
        var problem = await limited.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("203.0.113.7", problem!.Detail);
        Assert.DoesNotContain("192.0.2.", problem.Detail);
    }

    [Fact]
    public async Task The_limit_holds_across_both_instances_each_giving_a_client_half()
    {
        const int limit = TwoInstancesBehindAProxy.Limit;
        foreach (var instance in new[] { instances.First, instances.Second })
        {
            var client = instance.Anonymous();
            var clock = Stopwatch.StartNew();
            var admitted = 0;
            while (admitted <= 4 * limit && (await client.SendAsync(From(TwoInstancesBehindAProxy.Proxy, "198.51.100.9"))).StatusCode != HttpStatusCode.TooManyRequests)
                admitted++;

            // A bucket holds two seconds of the instance's share (limit / 2) and refills continuously at one share per
            // second. Were the limit not shared, one instance alone would admit twice as many: 2 × limit at once, then
            // limit per second.
            var bound = limit + clock.Elapsed.TotalSeconds * limit / 2 + 2;
            Assert.True(admitted >= limit && admitted <= bound,
                $"{admitted} admitted in {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
}
