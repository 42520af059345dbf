using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Dapper;
using Registry.Projections.Caching;
using Registry.Projections.Outbox;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>The real API over its own fresh PostgreSQL database, with officer, admin and auditor credentials.</summary>
public class RegistryApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OfficerToken = "test-officer-token";
    public const string AdminToken = "test-admin-token";
    public const string AuditorToken = "test-auditor-token";

    public string ConnectionString { get; private set; } = "";

    /// <summary>Extra configuration a test class needs (e.g. projections off, a low rate limit).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => ConnectionString = await CreateDatabaseAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A fresh database on the suite's cluster; OutageTests use a cluster of their own.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    protected virtual Task DropDatabaseAsync(string connectionString) => TestDatabase.DropAsync(connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Registry"] = ConnectionString,
            ["Officers:Credentials:0:Token"] = OfficerToken,
            ["Officers:Credentials:0:Name"] = "Test Officer",
            ["Officers:Credentials:0:Role"] = "officer",
            ["Officers:Credentials:1:Token"] = AdminToken,
            ["Officers:Credentials:1:Name"] = "Test Admin",
            ["Officers:Credentials:1:Role"] = "admin",
            ["Officers:Credentials:2:Token"] = AuditorToken,
            ["Officers:Credentials:2:Name"] = "Test Auditor",
            ["Officers:Credentials:2:Role"] = "auditor",
            ["Projections:PollInterval"] = "00:00:00.200",
            ["RateLimiting:PermitsPerSecond"] = "100000",
            // The suite shares two cores with four other test processes: a read may legitimately take longer than the
            // production time-out. OutageTests set the real one.
            ["Timeouts:Reads"] = "00:00:30",
            ["Timeouts:Writes"] = "00:00:30",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (ContractRecorder.Directory is { } cases && settings.GetValueOrDefault("Contract:Record") != "false")
        {
            Directory.CreateDirectory(cases);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ContractRecorder(cases)));
        }
    }

    public HttpClient Anonymous() => CreateClient();

    public HttpClient Officer() => WithToken(OfficerToken);

    public HttpClient Admin() => WithToken(AdminToken);

    public HttpClient Auditor() => WithToken(AuditorToken);

    HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Waits until every projector has caught up with everything committed to the outbox so far.</summary>
    public async Task WaitForProjectionsAsync(TimeSpan? timeout = null)
    {
        var status = Services.GetRequiredService<ProjectionStatus>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var lag = await status.LagAsync(CancellationToken.None);
            if (lag.Count > 0 && lag.All(l => l.Pending == 0) && await CacheHasHeardAsync()) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("Projections did not catch up in time.");
    }

    /// <summary>The read-model cache has applied every projector notice sent so far: notices arrive in order, so once it
    /// has seen a probe sent now it has seen them all.</summary>
    async Task<bool> CacheHasHeardAsync()
    {
        var cache = Services.GetRequiredService<ReadModelCache>();
        if (!cache.IsLive) return true;
        var probe = -Random.Shared.NextInt64(1, long.MaxValue);
        await using (var conn = await DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("select pg_notify(@channel, @notice)", new { channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(probe, []) });
        for (var i = 0; i < 40 && cache.LastSeenPosition != probe; i++) await Task.Delay(5);
        return cache.LastSeenPosition == probe;
    }
}

public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body, string? idempotencyKey = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
