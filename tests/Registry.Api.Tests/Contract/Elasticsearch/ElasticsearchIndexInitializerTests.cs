using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Elasticsearch;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>The start-up initialiser against the alias-aware node, over the real read model and checkpoints.</summary>
public sealed class ElasticsearchIndexInitializerTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    const string Alias = "registry-documents";
    static readonly ElasticsearchOptions Options = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(5), OldIndexGracePeriod = TimeSpan.Zero };

    ElasticsearchIndexInitializer Initializer(FakeElasticsearch fake)
    {
        var client = fake.Client(Options);
        var index = new RegistryIndex(client, Options);
        return new ElasticsearchIndexInitializer(index, new ElasticsearchRebuild(client, Options, index, app.DataSource), client, app.DataSource, Options,
            NullLogger<ElasticsearchIndexInitializer>.Instance);
    }

    /// <summary>The registry holds documents and the Elasticsearch projector had fed an index up to the outbox's end.</summary>
    async Task<Dictionary<string, long>> FedRegistryAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("delete from projection_checkpoints where name = @name", new { name = ElasticsearchDocumentProjector.ProjectorName });
        for (var i = 0; i < 2; i++) await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        await conn.ExecuteAsync("""
            insert into projection_checkpoints (name, tx, position)
            select @name, tx, position from outbox order by tx desc, position desc limit 1
            on conflict (name) do update set tx = excluded.tx, position = excluded.position
            """, new { name = ElasticsearchDocumentProjector.ProjectorName });
        return (await conn.QueryAsync<(Guid Id, long Version)>("select document_id, version::bigint from read.documents")).ToDictionary(r => r.Id.ToString(), r => r.Version);
    }

    static Dictionary<string, long> Versions(FakeElasticsearch fake) => fake.Documents(Alias).ToDictionary(kv => kv.Key, kv => kv.Value.Version);

    [Fact]
    public async Task The_initialiser_retries_with_backoff_until_Elasticsearch_answers()
    {
        var fake = new FakeElasticsearch();
        fake.FailRequest = (_, _) => fake.Requests.Count <= 4 ? RequestFailure.Transport : null;
        var initializer = Initializer(fake);

        await initializer.StartAsync(CancellationToken.None);
        await initializer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(fake.Requests.Count(r => r.Path.StartsWith("/_resolve/index/", StringComparison.Ordinal)) >= 5);
        Assert.NotNull(fake.AliasTarget(Alias));
    }

    [Fact]
    public async Task A_lost_index_is_rebuilt_from_the_read_model_not_recreated_empty()
    {
        var expected = await FedRegistryAsync();
        var fake = new FakeElasticsearch(); // the cluster lost everything; PostgreSQL still says the index was fed

        await Initializer(fake).EnsureAsync(CancellationToken.None);

        Assert.Equal("registry-documents-v1", fake.AliasTarget(Alias));
        Assert.Equal(expected.OrderBy(kv => kv.Key), Versions(fake).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task An_empty_index_behind_the_alias_of_a_fed_projector_is_rebuilt()
    {
        var expected = await FedRegistryAsync();
        var fake = new FakeElasticsearch();
        fake.Seed("registry-documents-v3", Alias);

        await Initializer(fake).EnsureAsync(CancellationToken.None);

        Assert.Equal("registry-documents-v4", fake.AliasTarget(Alias));
        Assert.False(fake.Indices.ContainsKey("registry-documents-v3"));
        Assert.Equal(expected.OrderBy(kv => kv.Key), Versions(fake).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task A_concrete_index_squatting_the_alias_name_is_replaced_in_the_same_atomic_alias_update()
    {
        var expected = await FedRegistryAsync();
        var fake = new FakeElasticsearch();
        fake.Indices[Alias] = new FakeElasticsearch.Index { AutoCreated = true };

        await Initializer(fake).EnsureAsync(CancellationToken.None);

        Assert.Equal("registry-documents-v1", fake.AliasTarget(Alias));
        Assert.False(fake.Indices[fake.AliasTarget(Alias)!].AutoCreated);
        var swap = JsonNode.Parse(fake.Requests.Last(r => r.Path == "/_aliases").Body)!["actions"]!.AsArray();
        Assert.Contains(swap, a => a!["remove_index"]?["index"]?.GetValue<string>() == Alias);
        Assert.Equal(expected.OrderBy(kv => kv.Key), Versions(fake).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task A_live_alias_is_left_alone()
    {
        await FedRegistryAsync();
        var fake = new FakeElasticsearch();
        fake.Seed("registry-documents-v2", Alias).Documents["a"] = (1, new JsonObject());

        await Initializer(fake).EnsureAsync(CancellationToken.None);

        Assert.Equal("registry-documents-v2", fake.AliasTarget(Alias));
        Assert.DoesNotContain(fake.Requests, r => r.Method is "PUT" or "DELETE" || r.Path == "/_aliases");
    }

    [Fact]
    public async Task An_index_fed_before_a_migration_changed_what_it_holds_is_rebuilt_once()
    {
        var expected = await FedRegistryAsync();
        var fake = new FakeElasticsearch();
        fake.Seed("registry-documents-v2", Alias).Documents["a"] = (1, new JsonObject { ["nameFolded"] = "усть каменогорск" });
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("insert into read.elasticsearch_rebuild_due (reason) values ('a test: the fold changed') on conflict do nothing");

        await Initializer(fake).EnsureAsync(CancellationToken.None);

        Assert.Equal("registry-documents-v3", fake.AliasTarget(Alias));
        Assert.Equal(expected.OrderBy(kv => kv.Key), Versions(fake).OrderBy(kv => kv.Key));
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.elasticsearch_rebuild_due"));

        await Initializer(fake).EnsureAsync(CancellationToken.None);
        Assert.Equal("registry-documents-v3", fake.AliasTarget(Alias));
    }
}
