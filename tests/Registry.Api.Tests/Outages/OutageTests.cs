using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Registry.Api.Features.Applications;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Outages;

/// <summary>The API over a database the test can stop and freeze, with the production time-outs (reads 2 s).</summary>
public sealed class OutageApp : RegistryApp
{
    public const double ReadTimeoutSeconds = 2, WriteTimeoutSeconds = 4;
    public ThrowawayCluster Cluster { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Timeouts:Reads"] = TimeSpan.FromSeconds(ReadTimeoutSeconds).ToString(),
        ["Timeouts:Writes"] = TimeSpan.FromSeconds(WriteTimeoutSeconds).ToString(),
        ["DeadlineSweep:Enabled"] = "false",
        ["Contract:Record"] = "false",
    };

    protected override async Task<string> CreateDatabaseAsync()
    {
        await Cluster.StartAsync();
        return Cluster.ConnectionString($"registry_outage_{Guid.NewGuid():N}");
    }

    protected override Task DropDatabaseAsync(string connectionString) => Cluster.StopAsync();
}

/// <summary>
/// A stopped or frozen database is an outage the API reports honestly and fast: every endpoint that needs the database
/// answers 503 with Retry-After within its time-out (the others keep answering), and when the database is back the
/// API answers again and the projector catches up — without a restart.
/// </summary>
public sealed class OutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    /// <summary>Scheduling on a loaded 2-core machine; a hang would exceed it by far (a frozen server never answers).</summary>
    const double Slack = 3;

    [Fact]
    public async Task Stopped_then_frozen_database_gets_a_fast_503_with_Retry_After_everywhere_and_both_recover_without_a_restart()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.Attestation());
        var number = await officer.IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).StatusCode); // now cached

        await app.Cluster.StopAsync();
        await WaitUntilAsync(() => !app.Services.GetRequiredService<ReadModelCache>().IsLive); // the cache knows it may miss changes
        await AssertOutageAsync(submitted.Id, number, "stopped");
        await app.Cluster.StartAsync();
        await AssertRecoveredAsync();

        await app.Cluster.FreezeAsync(true);
        try
        {
            await AssertOutageAsync(submitted.Id, number, "frozen");
        }
        finally
        {
            await app.Cluster.FreezeAsync(false);
        }
        await AssertRecoveredAsync();
    }

    /// <summary>A decision waits on its kind's number counter while another issuer holds it: longer than a read may
    /// take is still within the write time-out, and the decision is recorded, not cut off at the read time-out.</summary>
    [Fact]
    public async Task A_decision_queued_longer_than_the_read_time_out_is_recorded_within_the_write_time_out()
    {
        var officer = app.Officer();
        await officer.IssueAsync(Scenario.Attestation()); // this year's attestation counter exists
        var waiting = await officer.SubmitAsync(Scenario.Attestation());

        await using var holder = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("update number_sequences set last = last where kind = 'attestation'", holder, tx))
            await hold.ExecuteNonQueryAsync();
        var decision = officer.DecideAsync(waiting.Id, "issue");
        await Task.Delay(TimeSpan.FromSeconds(OutageApp.ReadTimeoutSeconds + 0.5));
        await tx.RollbackAsync();

        using var response = await decision;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every endpoint at once, as clients would: each answers within its time-out.</summary>
    async Task AssertOutageAsync(Guid applicationId, string number, string outage)
    {
        var checks = Requests(applicationId, number).Select(async r =>
        {
            var watch = Stopwatch.StartNew();
            using var response = await (r.Write ? app.Admin() : app.Anonymous()).SendAsync(r.Build());
            var elapsed = watch.Elapsed.TotalSeconds;
            // Stopped: refused at once. Frozen: a request's time-out cannot cancel a statement the server never reads, so
            // an in-flight statement ends at Npgsql's statement time-out (the read time-out; a write's: the write
            // time-out), plus its attempt to cancel and the broken connection: at most three read time-outs for a read,
            // two write time-outs for a write.
            var limit = (outage == "frozen" ? (r.Write ? 2 * OutageApp.WriteTimeoutSeconds : 3 * OutageApp.ReadTimeoutSeconds)
                : r.Write ? OutageApp.WriteTimeoutSeconds : OutageApp.ReadTimeoutSeconds) + Slack;
            var problems = new List<string>();
            if (elapsed > limit) problems.Add($"took {elapsed:0.0} s > {limit} s");
            if (r.NeedsDatabase)
            {
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) problems.Add($"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                if (response.Headers.RetryAfter is null) problems.Add("no Retry-After");
                if (r.Name != "ready" && response.Content.Headers.ContentType?.MediaType != "application/problem+json") problems.Add("not problem+json");
            }
            else if (response.StatusCode != HttpStatusCode.OK) problems.Add($"answered {(int)response.StatusCode} without needing the database");
            return problems.Count == 0 ? null : $"{outage}: {r.Name} {string.Join("; ", problems)}";
        });
        var failures = (await Task.WhenAll(checks)).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Without a restart: reads answer again, a new decision is recorded, projected and verifiable.</summary>
    async Task AssertRecoveredAsync()
    {
        await WaitUntilAsync(async () => (await app.Anonymous().GetAsync("/api/v1/registry/search?q=x")).StatusCode == HttpStatusCode.OK, seconds: 20);
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(20));
        var verified = JsonNode.Parse(await (await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).Content.ReadAsStringAsync())!;
        Assert.True(verified["valid"]!.GetValue<bool>());
    }

    sealed record Call(string Name, HttpMethod Method, string Url, string? Json = null, bool Write = false, bool NeedsDatabase = true)
    {
        public HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(Method, Url);
            if (Json is not null) request.Content = new StringContent(Json, System.Text.Encoding.UTF8, "application/json");
            if (Write) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        }
    }

    static IEnumerable<Call> Requests(Guid applicationId, string number) =>
    [
        new("verify (cached before)", HttpMethod.Get, $"/api/v1/verify/{number}"),
        new("verify", HttpMethod.Get, "/api/v1/verify/ATT-2026-999999"),
        new("bulk verify", HttpMethod.Post, "/api/v1/verify", $$"""{"numbers":["{{number}}"]}"""),
        new("search", HttpMethod.Get, "/api/v1/registry/search?q=%D0%BA%D0%BE%D0%BC%D0%B8%D1%80"),
        new("document", HttpMethod.Get, $"/api/v1/registry/attestation/{number}"),
        new("organisation", HttpMethod.Get, "/api/v1/organisations/010840020183"),
        new("changes", HttpMethod.Get, "/api/v1/changes?after=0"),
        new("centres", HttpMethod.Get, "/api/v1/centres?region=akmola"),
        new("centre", HttpMethod.Get, "/api/v1/centres/01-01"),
        new("ready", HttpMethod.Get, "/health/ready"),
        new("application", HttpMethod.Get, $"/api/v1/applications/{applicationId}", Write: true),
        new("submit", HttpMethod.Post, "/api/v1/applications", System.Text.Json.JsonSerializer.Serialize(Scenario.Attestation(), HttpAssertions.Json), Write: true),
        new("decide", HttpMethod.Post, $"/api/v1/applications/{applicationId}/decision", """{"outcome":"issue"}""", Write: true),
        new("completeness", HttpMethod.Post, $"/api/v1/applications/{applicationId}/completeness-check", "{}", Write: true),
        new("supply", HttpMethod.Post, $"/api/v1/applications/{applicationId}/documents", """{"documents":["application"]}""", Write: true),
        new("suspend", HttpMethod.Post, $"/api/v1/documents/{number}/suspend", """{"publicReason":"test"}""", Write: true),
        new("sweep", HttpMethod.Post, "/api/v1/admin/deadlines/sweep", Write: true),
        new("live", HttpMethod.Get, "/health/live", NeedsDatabase: false),
        new("services", HttpMethod.Get, "/api/v1/services", NeedsDatabase: false),
        new("calendar", HttpMethod.Get, "/api/v1/calendar/deadline?service=permit&submittedOn=2026-03-02", NeedsDatabase: false),
    ];

    static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
