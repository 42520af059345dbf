using Registry.Api.Tests.Infrastructure;
using Registry.Api.Tests.ReadSide;
using Registry.Projections.Elasticsearch;

namespace Registry.Api.Tests.Contract.Elasticsearch;

public sealed class ElasticsearchRebuildTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_rebuild_loads_a_new_index_from_the_read_model_then_points_the_alias_at_it()
    {
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++) numbers.Add(await app.Officer().IssueAsync(Scenario.Attestation()));
        await app.WaitForProjectionsAsync();
        var fake = new FakeElasticsearch();
        var options = new ElasticsearchOptions();
        var client = fake.Client(options);
        var next = await new ElasticsearchRebuild(client, options, new RegistryIndex(client, options), app.DataSource).RunAsync(TextWriter.Null, CancellationToken.None);

        Assert.Equal("registry-documents-v1", next);
        Assert.Contains(fake.Requests, r => r is { Method: "PUT", Path: "/registry-documents-v1" });
        Assert.Contains(fake.Requests, r => r.Path == "/registry-documents-v1/_bulk");
        Assert.Equal(numbers.Order(), fake.Store.Values.Select(v => v.Source["number"]!.GetValue<string>()).Where(numbers.Contains).Order());
        Assert.Contains("\"add\":{\"alias\":\"registry-documents\",\"index\":\"registry-documents-v1\"", fake.Requests.Single(r => r.Path == "/_aliases").Body);
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

    [SkippableTheory]
    [MemberData(nameof(SearchCases.PagedQueries), MemberType = typeof(SearchCases))]
    public async Task Keyset_pages_walk_the_answer_once_in_order(string? q, string? sort)
    {
        Skip.If(ElasticsearchSuiteApp.Url is null, "ELASTICSEARCH_URL is not set: the Elasticsearch run of the search suite needs a cluster (see docs/elasticsearch.md).");
        await app.LoadAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await SearchCases.AssertPagingAsync(app, SearchCases.Paged(q, sort));
    }
}
