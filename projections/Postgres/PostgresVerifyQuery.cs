using Dapper;
using Npgsql;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>One unique-index point read of the pre-rendered public JSON.</summary>
public sealed class PostgresVerifyQuery(NpgsqlDataSource dataSource) : IVerifyQuery
{
    public const string Sql = "select public_json::text from read.documents where number_norm = @numberNorm";

    public async Task<PublicDocument?> FindAsync(string numberNorm, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var json = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql, new { numberNorm }, cancellationToken: ct));
        return json is null ? null : PublicView.FromJson(json);
    }

    public const string BulkSql = "select number_norm, public_json::text from read.documents where number_norm = any(@numberNorms)";

    public async Task<IReadOnlyDictionary<string, PublicDocument>> FindManyAsync(IReadOnlyCollection<string> numberNorms, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string NumberNorm, string Json)>(new CommandDefinition(
            BulkSql, new { numberNorms = numberNorms.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.NumberNorm, r => PublicView.FromJson(r.Json));
    }
}
