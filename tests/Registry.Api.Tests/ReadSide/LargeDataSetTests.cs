using Dapper;
using Npgsql;
using Registry.Api.DemoData;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.WriteModel;

namespace Registry.Api.Tests.ReadSide;

/// <summary>The bulk load (make seed-large) drops the read model's indexes and turns its trigger off while it copies.</summary>
public sealed class LargeDataSetTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    /// <summary>A second load into a loaded database fails on the holders' BINs. It once left read.documents without its
    /// indexes (search by sequential scans: a BIN in 1.1 s at 1M) and the trigger that copies documents into
    /// read.search_rows off; now the read model is restored whatever the load's end, with the indexes the migrations
    /// made.</summary>
    [Fact]
    public async Task A_load_that_fails_leaves_the_read_model_its_indexes_and_trigger()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var migrated = await IndexesAsync(conn);
        // The full-text indexes, the words side by side and the broad words' pairs merge small pending lists (migrations
        // 0331, 0350, 0390); the load rebuilds them with it.
        Assert.Equal(4, migrated.Count(index => index.Contains("gin_pending_list_limit='512'", StringComparison.Ordinal)));
        await LoadAsync();
        var indexes = await IndexesAsync(conn);
        Assert.Equal(migrated, indexes);

        await Assert.ThrowsAsync<PostgresException>(LoadAsync);

        Assert.Equal(indexes, await IndexesAsync(conn));
        Assert.Equal("O", await conn.ExecuteScalarAsync<string>(
            "select tgenabled::text from pg_trigger where tgrelid = 'read.documents'::regclass and tgname = 'documents_search_rows'"));
        Assert.Equal(await conn.ExecuteScalarAsync<long>("select count(*) from read.documents"),
            await conn.ExecuteScalarAsync<long>("select count(*) from read.search_rows"));
    }

    Task LoadAsync() => LargeDataSet.LoadAsync(app.DataSource, 200, new DocumentTermOptions(), new DateOnly(2026, 12, 1), TextWriter.Null, CancellationToken.None);

    static async Task<List<string>> IndexesAsync(NpgsqlConnection conn) =>
        [.. await conn.QueryAsync<string>("select indexdef from pg_indexes where schemaname = 'read' and tablename in ('documents', 'search_rows') order by indexname")];
}
