using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Domain.Centres;
using Registry.Domain.Common;

namespace Registry.Api.Features.Centres;

/// <summary>Loads annex 1 of the decree (data/decree/decree-1068.txt, shipped with the binary) into the centres table at
/// start-up, in one transaction, only when the file changed since the last import. A line the parser cannot place
/// stops the start with the line's number.</summary>
public static class CentresImport
{
    public static async Task ImportCentresAsync(this WebApplication app)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "decree", "decree-1068.txt");
        var text = await File.ReadAllTextAsync(path);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // Another instance may be importing: wait for it as long as it takes (no serving statement time-out here).
        await conn.ExecuteAsync("lock table centres_import in exclusive mode", transaction: tx, commandTimeout: 0);
        if (await conn.ExecuteScalarAsync<string?>("select source_hash from centres_import", transaction: tx) == hash) return;

        var centres = AnnexOneParser.Parse(text.Split('\n'));
        await conn.ExecuteAsync("delete from centres", transaction: tx);
        await conn.ExecuteAsync("""
            insert into centres (id, parent_id, level, region_ordinal, region, name, address, phones, search_folded, source_line)
            values (@Id, @ParentId, @Level, @RegionOrdinal, @Region, @Name, @Address, @Phones::jsonb, @SearchFolded, @SourceLine)
            """, centres.Select(c => new
        {
            c.Id, c.ParentId, Level = c.Level.Slug(), c.RegionOrdinal, c.Region, c.Name, c.Address,
            Phones = JsonSerializer.Serialize(c.Phones, JsonSerializerOptions.Web), c.SearchFolded, c.SourceLine,
        }), tx);
        await conn.ExecuteAsync("""
            insert into centres_import (source_hash) values (@hash) on conflict (singleton) do update set source_hash = excluded.source_hash, imported_at = now()
            """, new { hash }, tx);
        await tx.CommitAsync();
        app.Logger.LogInformation("Imported {Count} Public Service Centres from annex 1", centres.Count);
    }
}
