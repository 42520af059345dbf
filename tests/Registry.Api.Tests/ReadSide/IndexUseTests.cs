using System.Text.Json;
using Dapper;
using Registry.Api.DemoData;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>The search suite's registry plus 200,000 documents loaded with COPY: enough rows for the planner to prefer
/// a sequential scan wherever no index serves the query.</summary>
public sealed class LargeSearchSuiteApp : SearchSuiteApp
{
    public const int Documents = 200_000;
    readonly SemaphoreSlim gate = new(1, 1);
    bool loaded;

    public async Task LoadLargeAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (loaded) return;
            await LargeDataSet.LoadAsync(DataSource, Documents, TextWriter.Null, CancellationToken.None);
            await LoadAsync();
            await using var conn = await DataSource.OpenConnectionAsync();
            // What autovacuum does in production: statistics for the planner, a visibility map for index-only scans.
            await conn.ExecuteAsync(new CommandDefinition("vacuum analyze read.documents", commandTimeout: 0));
            loaded = true;
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Loading 200,000 documents saturates this machine's two cores; tests with latency bounds must not share them.</summary>
[CollectionDefinition(nameof(LargeDataCollection), DisableParallelization = true)]
public sealed class LargeDataCollection;

/// <summary>EXPLAIN of exactly the statements the PostgreSQL backend sends: no sequential scan of read.documents.</summary>
[Collection(nameof(LargeDataCollection))]
public sealed class IndexUseTests(LargeSearchSuiteApp app) : IClassFixture<LargeSearchSuiteApp>
{
    [Theory]
    [MemberData(nameof(SearchCases.Cases), MemberType = typeof(SearchCases))]
    public async Task Search_case_uses_an_index(SearchCase c)
    {
        await app.LoadLargeAsync();
        var request = c.Request(app) with { Limit = 50 };
        var intent = SearchIntent.Of(request.Q);
        // The typo-tolerant pass runs only when the first finds nothing, but it must be as cheap to plan.
        bool[] passes = intent.Kind == SearchIntentKind.Name ? [false, true] : [false];
        foreach (var typoTolerant in passes)
        {
            var statements = PostgresSearchQuery.Statements(request, intent, typoTolerant);
            await AssertNoSequentialScanAsync(statements.Page, statements.Parameters);
            await AssertNoSequentialScanAsync(statements.Facets, statements.Parameters);
        }
    }

    [Fact]
    public async Task Verify_lookups_use_the_number_index()
    {
        await app.LoadLargeAsync();
        await AssertNoSequentialScanAsync(PostgresVerifyQuery.Sql, new { numberNorm = app.Numbers["A"] });
        await AssertNoSequentialScanAsync(PostgresVerifyQuery.BulkSql, new { numberNorms = app.Numbers.Values.ToArray() });
    }

    [Fact]
    public async Task A_filter_without_an_index_would_be_caught()
    {
        await app.LoadLargeAsync();
        var error = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() =>
            AssertNoSequentialScanAsync("select count(*) from read.documents where valid_until is null", null));
        Assert.Contains("Seq Scan", error.Message, StringComparison.Ordinal);
    }

    async Task AssertNoSequentialScanAsync(string sql, object? parameters)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var plan = await conn.ExecuteScalarAsync<string>($"explain (verbose, format json) {sql}", parameters);
        var scans = new List<string>();
        Collect(JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan"), scans);
        Assert.NotEmpty(scans);
        if (scans.Contains("Seq Scan")) Assert.Fail($"Seq Scan on read.documents for:\n{sql}\nPlan:\n{plan}");
    }

    /// <summary>The node types that read read.documents, anywhere in the plan tree.</summary>
    static void Collect(JsonElement node, List<string> scans)
    {
        if (node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "documents"
            && node.GetProperty("Schema").GetString() == "read")
            scans.Add(node.GetProperty("Node Type").GetString()!);
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray()) Collect(child, scans);
    }
}
