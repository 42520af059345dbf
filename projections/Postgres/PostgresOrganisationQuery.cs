using Dapper;
using Npgsql;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

public sealed class PostgresOrganisationQuery(NpgsqlDataSource dataSource) : IOrganisationQuery
{
    const string Sql = """
        select document_id as documentid, kind, number, status, issued_on as issuedon, valid_until as validuntil, holder_name as holdername,
               holder_identifier as holderidentifier, region, public_json::text as publicjson, position
        from read.documents where holder_identifier = @bin
        order by issued_on desc, number
        """;

    public async Task<OrganisationProfile?> FindAsync(string bin, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { bin }, cancellationToken: ct))).AsList();
        if (rows.Count == 0) return null;
        // Every document's snapshot carries the holder as it was when that document last changed; the freshest wins.
        var freshest = rows.MaxBy(r => r.Position)!;
        var holder = PublicView.FromJson(freshest.PublicJson).Holder;
        return new OrganisationProfile(bin, holder.Name, holder.FormerNames, holder.Region,
            [.. rows.Select(r => new SearchHit(r.Kind, r.Number, r.Status, r.IssuedOn, r.ValidUntil, r.HolderName,
                PublicView.FromJson(r.PublicJson).Holder.FormerNames, r.HolderIdentifier, r.Region, SearchTier.Exact))]);
    }

    sealed record Row(Guid DocumentId, string Kind, string Number, string Status, DateOnly IssuedOn, DateOnly? ValidUntil, string HolderName,
        string? HolderIdentifier, string? Region, string PublicJson, long Position);
}
