using System.Net.Http.Headers;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Lifecycle;

/// <summary>
/// A freshly started process takes its first writes all at once (a deployment behind a load balancer does): caches
/// filled on first use must survive that. A shared reflection cache once broke for good here and every later submit
/// answered 500.
/// </summary>
[Collection(Isolated.Name)]
public sealed class FirstRequestsTests : IAsyncLifetime
{
    const string OfficerToken = "first-requests-officer";
    string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => TestDatabase.DropAsync(connectionString);

    [Fact]
    public async Task Concurrent_first_submits_to_a_new_process_are_all_recorded_and_later_ones_too()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = connectionString,
            ["Officers:Credentials:0:Token"] = OfficerToken,
            ["Officers:Credentials:0:Name"] = "First Requests Officer",
            ["Officers:Credentials:0:Role"] = "officer",
            ["RateLimiting:PermitsPerSecond"] = "100000",
            ["DeadlineSweep:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var officer = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OfficerToken);

        var first = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() =>
            officer.PostJsonAsync("/api/v1/applications", Scenario.Attestation(), Guid.NewGuid().ToString()))));
        var later = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) later.Add(await officer.PostJsonAsync("/api/v1/applications", Scenario.Attestation(), Guid.NewGuid().ToString()));

        Assert.All(first.Concat(later), r => Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode));
    }
}
