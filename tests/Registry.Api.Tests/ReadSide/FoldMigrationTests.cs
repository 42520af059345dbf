using Dapper;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>Migration 0380: a read model folded before ь and ъ were left out, and kh, gh and shch read as х, ғ and щ, is
/// folded again — its text, its search vectors, the narrow search copy and the per-word counts — so a name is found by
/// its Latin spelling at once.</summary>
public sealed class FoldMigrationTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_read_model_folded_the_old_way_is_folded_again_and_found_by_the_latin_spelling()
    {
        // No к, г or ш: the migration reads кх, гх and шч anywhere in a Latin-written name as the digraphs they were.
        var word = string.Concat(Guid.NewGuid().ToByteArray().Take(10).Select(b => "бвдлмнпрстф"[b % 11]));
        await app.Officer().IssueAsync(Scenario.Attestation(Scenario.NewBin(), $"ТОО «Ольга {word}»"));
        await app.Officer().IssueAsync(Scenario.Attestation(Scenario.NewBin(), $"Khan Shchit {word} LLP"));
        await app.WaitForProjectionsAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        // The read model as the old fold wrote it.
        await conn.ExecuteAsync("""
            update read.documents set name_folded = replace(replace(replace(name_folded, 'олга', 'ольга'), 'хан', 'кхан'), 'щит', 'шчит')
            where name_folded like '%' || @word || '%'
            """, new { word });
        await conn.ExecuteAsync(PostgresDocumentProjector.RecountTerms);
        Assert.Empty((await SearchAsync(conn, $"Olga {word}")).Items);
        Assert.Empty((await SearchAsync(conn, $"Хан Щит {word}")).Items);

        await conn.ExecuteAsync(Registry.Api.Infrastructure.Database.Scripts().Single(s => s.Name == "0380_fold_again.sql").Contents, commandTimeout: 0);

        Assert.Single((await SearchAsync(conn, $"Olga {word}")).Items);
        Assert.Single((await SearchAsync(conn, $"Ольга {word}")).Items);
        Assert.Single((await SearchAsync(conn, $"Хан Щит {word}")).Items);
        Assert.Single((await SearchAsync(conn, $"Khan Shchit {word}")).Items);
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.documents where name_folded ~ '[ьъ]' or scope_folded ~ '[ьъ]'"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.search_terms where term ~ '[ьъ]'"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>("select count(*) from read.search_rows where search @@ to_tsquery('simple', 'олга & ' || @word)", new { word }));
        Assert.True(await conn.ExecuteScalarAsync<long>("select documents from read.search_terms where term = 'олга'") >= 1);
    }

    static Task<SearchPage> SearchAsync(Npgsql.NpgsqlConnection conn, string q) =>
        PostgresSearchQuery.SearchAsync(conn, new SearchRequest(q), null, CancellationToken.None);
}
