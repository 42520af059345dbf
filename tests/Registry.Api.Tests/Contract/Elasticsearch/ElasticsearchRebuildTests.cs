using System.Text.Json.Nodes;
using Dapper;
using Elastic.Clients.Elasticsearch;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.Tests.ReadSide;
using Registry.Projections.Elasticsearch;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>The rebuild against the alias-aware node, from the real read model and outbox (projections running).</summary>
public sealed class ElasticsearchRebuildTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    const string Alias = "registry-documents";

    static ElasticsearchOptions Options(TimeSpan? grace = null) => new()
    {
        MaxAttempts = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(1), RebuildBatchSize = 2, OldIndexGracePeriod = grace ?? TimeSpan.Zero,
    };

    ElasticsearchRebuild Rebuild(ElasticsearchClient client, ElasticsearchOptions options) =>
        new(client, options, new RegistryIndex(client, options), app.DataSource);

    /// <summary>The node as a live deployment has it: v1 behind the alias, holding an older state of the registry.</summary>
    async Task<FakeElasticsearch> LiveNodeAsync(int documents = 3)
    {
        await using (var conn = await app.DataSource.OpenConnectionAsync()) // no live Elasticsearch projector yet
            await conn.ExecuteAsync("delete from projection_checkpoints where name = @name", new { name = ElasticsearchDocumentProjector.ProjectorName });
        for (var i = 0; i < documents; i++) await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var fake = new FakeElasticsearch();
        fake.Seed("registry-documents-v1", Alias).Documents["stale"] = (1, new JsonObject());
        return fake;
    }

    async Task<Dictionary<string, long>> ReadModelAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(Guid Id, long Version)>("select document_id, version::bigint from read.documents")).ToDictionary(r => r.Id.ToString(), r => r.Version);
    }

    static bool MovesTheAlias(JsonArray actions) => actions.Any(a => a!["add"]?["alias"]?.GetValue<string>() == Alias);

    [Fact]
    public async Task A_rebuild_loads_a_new_index_through_the_rebuild_alias_swaps_atomically_then_removes_the_old_index()
    {
        var fake = await LiveNodeAsync();
        var options = Options();
        var next = await Rebuild(fake.Client(options), options).RunAsync(TextWriter.Null, CancellationToken.None);

        Assert.Equal("registry-documents-v2", next);
        Assert.Equal(next, fake.AliasTarget(Alias));
        Assert.Null(fake.AliasTarget("registry-documents-rebuild"));
        Assert.False(fake.Indices.ContainsKey("registry-documents-v1"));
        Assert.Equal((await ReadModelAsync()).OrderBy(kv => kv.Key), fake.Documents(next).Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Version)).OrderBy(kv => kv.Key));
        Assert.Contains(fake.Requests, r => r is { Method: "PUT", Path: "/registry-documents-v2" } && r.Body == RegistryIndex.Definition);
        Assert.All(fake.Requests.Where(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal)), r => Assert.Equal("?require_alias=true", r.Query));
        Assert.Contains(fake.Requests, r => r.Path == "/registry-documents-rebuild/_bulk");
        Assert.Equal(
            """{"actions":[{"remove":{"alias":"registry-documents","index":"registry-documents-v1"}},{"add":{"alias":"registry-documents","index":"registry-documents-v2","is_write_index":true}},{"remove":{"alias":"registry-documents-rebuild","index":"registry-documents-v2"}}]}""",
            fake.Requests.Single(r => r.Path == "/_aliases" && MovesTheAlias(JsonNode.Parse(r.Body)!["actions"]!.AsArray())).Body);
    }

    [Fact]
    public async Task A_change_the_live_projector_applies_to_the_old_index_just_before_the_swap_reaches_the_new_index()
    {
        var fake = await LiveNodeAsync(documents: 1);
        var options = Options();
        var client = fake.Client(options);
        var live = app.Daemon(new ElasticsearchDocumentProjector(client, options));
        await app.DrainAsync(live);
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        var id = (await app.DocumentIdAsync(number)).ToString();
        await app.DrainAsync(live);

        fake.BeforeAliases = async actions =>
        {
            if (!MovesTheAlias(actions)) return;
            fake.BeforeAliases = null;
            // Committed after the rebuild's last replay batch; the live projector writes it through the alias, still on v1.
            var suspended = await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
            Assert.True(suspended.IsSuccessStatusCode);
            await app.DrainAsync(live);
            Assert.Equal(2, fake.Documents("registry-documents-v1")[id].Version);
        };
        var next = await Rebuild(client, options).RunAsync(TextWriter.Null, CancellationToken.None);

        Assert.Null(fake.BeforeAliases);
        var rebuilt = fake.Documents(next)[id];
        Assert.Equal((2, "suspended"), (rebuilt.Version, rebuilt.Source["status"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(RequestFailure.BadRequest)]
    [InlineData(RequestFailure.TooLarge)]
    [InlineData(RequestFailure.TooManyRequests)]
    [InlineData(RequestFailure.Transport)]
    public async Task A_bulk_page_failing_as_a_whole_aborts_the_rebuild_without_swap_or_delete_of_the_old_index(RequestFailure mode)
    {
        var fake = await LiveNodeAsync();
        var options = Options();
        var before = fake.Documents(Alias);
        fake.FailRequest = (r, earlier) => r.Path == "/registry-documents-rebuild/_bulk" && earlier >= 1 ? mode : null; // the second page on

        await Assert.ThrowsAsync<ElasticsearchWriteException>(() => Rebuild(fake.Client(options), options).RunAsync(TextWriter.Null, CancellationToken.None));

        Assert.Equal("registry-documents-v1", fake.AliasTarget(Alias));
        Assert.Equal(before.Keys, fake.Documents(Alias).Keys);
        Assert.DoesNotContain(fake.Requests, r => r.Path == "/_aliases" && MovesTheAlias(JsonNode.Parse(r.Body)!["actions"]!.AsArray()));
        Assert.DoesNotContain(fake.Requests, r => r is { Method: "DELETE", Path: "/registry-documents-v1" });
        Assert.False(fake.Indices.ContainsKey("registry-documents-v2")); // the incomplete index is removed
    }

    [Fact]
    public async Task A_new_index_holding_fewer_documents_than_were_loaded_is_not_swapped_in()
    {
        var fake = await LiveNodeAsync();
        var options = Options();
        var lost = (await ReadModelAsync()).Keys.First();
        fake.Loses = id => id == lost;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Rebuild(fake.Client(options), options).RunAsync(TextWriter.Null, CancellationToken.None));

        Assert.Contains("fewer than the", failure.Message);
        Assert.Equal("registry-documents-v1", fake.AliasTarget(Alias));
        Assert.DoesNotContain(fake.Requests, r => r.Method == "DELETE" && r.Path == "/registry-documents-v1");
    }

    [Fact]
    public async Task The_old_index_is_deleted_after_its_grace_period_and_a_refused_delete_is_reported()
    {
        var fake = await LiveNodeAsync(documents: 1);
        var options = Options(grace: TimeSpan.FromMilliseconds(300));
        fake.FailRequest = (r, _) => r.Method == "DELETE" ? RequestFailure.BadRequest : null;
        var output = new StringWriter();

        await Rebuild(fake.Client(options), options).RunAsync(output, CancellationToken.None);

        var swap = fake.Requests.Single(r => r.Path == "/_aliases" && MovesTheAlias(JsonNode.Parse(r.Body)!["actions"]!.AsArray()));
        var delete = fake.Requests.Single(r => r is { Method: "DELETE", Path: "/registry-documents-v1" });
        Assert.True(delete.At - swap.At >= TimeSpan.FromMilliseconds(300), $"deleted {(delete.At - swap.At).TotalMilliseconds} ms after the swap");
        Assert.Contains("warning: Deleting index registry-documents-v1 failed: 400 illegal_argument_exception", output.ToString());
        Assert.Equal("registry-documents-v2", fake.AliasTarget(Alias));
    }
}

/// <summary>Elasticsearch URL for the behavioural suite; unset means the suite is skipped with that reason.</summary>
public sealed class ElasticsearchSuiteApp : SearchSuiteApp
{
    public static readonly string? Url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
    readonly string alias = $"registry-test-{Guid.NewGuid():N}";

    protected override IDictionary<string, string?> Settings => Url is null
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?> { ["Elasticsearch:Url"] = Url, ["Elasticsearch:Alias"] = alias, ["Search:Provider"] = "Elasticsearch" };
}

/// <summary>The same behavioural suite on a real Elasticsearch, when ELASTICSEARCH_URL names one.</summary>
public sealed class ElasticsearchSearchSuiteTests(ElasticsearchSuiteApp app) : IClassFixture<ElasticsearchSuiteApp>
{
    [SkippableTheory]
    [MemberData(nameof(SearchCases.Cases), MemberType = typeof(SearchCases))]
    public async Task Search_case(SearchCase c)
    {
        Skip.If(ElasticsearchSuiteApp.Url is null, "ELASTICSEARCH_URL is not set: the Elasticsearch run of the search suite needs a cluster (see docs/elasticsearch.md).");
        await app.LoadAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the index refreshes every 200 ms
        await SearchCases.AssertAsync(app, c);
    }
}
