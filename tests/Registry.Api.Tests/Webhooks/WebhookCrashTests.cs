using System.Net.Http.Headers;
using Dapper;
using Npgsql;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Webhooks;

[Collection(Isolated.Name)]
public sealed class WebhookCrashTests : IAsyncLifetime
{
    const string OfficerToken = "crash-test-officer";
    string connectionString = "";
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => connectionString = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await TestDatabase.DropAsync(connectionString);
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }

    Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings:Registry"] = connectionString,
        ["Officers:Credentials:0:Token"] = OfficerToken,
        ["Officers:Credentials:0:Name"] = "Crash Test Officer",
        ["Officers:Credentials:0:Role"] = "officer",
        ["Proofs:KeyDirectory"] = Path.Combine(dataDirectory, "proof-keys"),
        ["Projections:PollInterval"] = "00:00:00.200",
        ["RateLimiting:PermitsPerSecond"] = "100000",
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:Lease"] = "00:00:03",
        ["Webhooks:Timeout"] = "00:00:01",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.100",
        ["DeadlineSweep:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task After_a_kill_9_mid_delivery_every_change_is_delivered_at_least_once_and_duplicates_carry_the_same_id()
    {
        const int documents = 24;
        const int killAt = 8;
        await using var receiver = await WebhookReceiver.StartAsync();
        var killNow = new TaskCompletionSource();
        var hold = new TaskCompletionSource();
        receiver.Respond = async delivery =>
        {
            if (receiver.Deliveries.Count == killAt) { killNow.TrySetResult(); await hold.Task; } // the API dies while this one is in flight
            else await Task.Delay(20);
            return 200;
        };

        var first = await ApiProcess.StartAsync(Settings);
        var bin = Scenario.NewBin();
        string[] numbers;
        try
        {
            using var officer = Officer(first);
            var (partner, _) = await ThirdParty.RegisterAsync(officer, () => new HttpClient { BaseAddress = new Uri(first.BaseUrl) });
            numbers = new string[documents];
            for (var i = 0; i < documents; i++) numbers[i] = await officer.IssueAsync(Scenario.Attestation(bin));
            await partner.SubscribeAsync(receiver.Url, bin: bin, fromSeq: 0); // from the start of the feed: all of them
            await killNow.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            first.Kill();
            hold.TrySetResult();
        }
        Assert.InRange(receiver.Deliveries.Count, killAt, documents - 1); // killed part-way

        await using var second = await ApiProcess.StartAsync(Settings);
        var expected = await ChangeIdsAsync(numbers);
        Assert.Equal(documents, expected.Count); // the first instance recorded every change before it died
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (expected.Except(receiver.Deliveries.Select(d => d.Id)).Any() && DateTime.UtcNow < deadline) await Task.Delay(50);

        var deliveries = receiver.Deliveries.ToList();
        Assert.Empty(expected.Except(deliveries.Select(d => d.Id)));
        Assert.True(deliveries.Count > expected.Count, "the change in flight at the kill is delivered again");
        foreach (var sameId in deliveries.GroupBy(d => d.Id))
            Assert.Single(sameId.Select(d => d.Body).Distinct());
        var firstArrivals = deliveries.DistinctBy(d => d.Id).Select(d => d.Seq).ToList();
        Assert.Equal(firstArrivals.Order(), firstArrivals);
    }

    HttpClient Officer(ApiProcess api)
    {
        var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OfficerToken);
        return http;
    }

    async Task<List<string>> ChangeIdsAsync(string[] numbers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var conn = new NpgsqlConnection(connectionString);
            var seqs = (await conn.QueryAsync<long>("select seq from read.changes where number = any(@numbers) order by seq", new { numbers })).AsList();
            if (seqs.Count >= numbers.Length || DateTime.UtcNow > deadline) return [.. seqs.Select(s => $"chg_{s}")];
            await Task.Delay(100);
        }
    }
}
