using System.Text.Json;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Centres;
using Registry.Domain.Search;

namespace Registry.Api.Features.Centres;

/// <summary>Where to hand in documents: the Public Service Centres of annex 1, searchable in Kazakh, Russian or Latin spelling.</summary>
public sealed class CentresModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/centres").WithTags("Centres").AllowAnonymous().RequirePublicRateLimit();
        g.MapGet("/", Search).WithName("SearchCentres")
            .WithSummary("Public Service Centres, by region and by words of their name or address")
            .WithDescription("region matches the region's name (e.g. \"Ақмола облысы\", or folded: \"akmola\"); q matches name and address, across Kazakh, Russian and Latin spellings.");
        g.MapGet("/{id}", Get).WithName("GetCentre").WithSummary("One Public Service Centre with its parent and sub-departments");
    }

    public sealed record CentreView(string Id, string? ParentId, string Level, string Region, string Name, string Address, IReadOnlyList<Phone> Phones);

    public sealed record CentreDetails(CentreView Centre, CentreView? Parent, IReadOnlyList<CentreView> Children);

    const string Columns = "id, parent_id as parentid, level, region, name, address, phones::text as phones";

    static async Task<Ok<IReadOnlyList<CentreView>>> Search(string? region, string? q, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await FindAsync(dataSource, region, q, ct));

    /// <summary>Centres in the decree's order (region by region); shared with the website's centres page.</summary>
    public static async Task<IReadOnlyList<CentreView>> FindAsync(NpgsqlDataSource dataSource, string? region, string? q, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from centres
            where (@region = '' or search_folded like '%' || @region || '%')
              and (@q = '' or search_folded like '%' || @q || '%' or @q <% search_folded)
            order by region_ordinal, id
            """, new { region = SearchText.Fold(region), q = SearchText.Fold(q) }, cancellationToken: ct));
        return [.. rows.Select(r => r.View())];
    }

    static async Task<Results<Ok<CentreDetails>, NotFoundProblem>> Get(string id, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from centres where id = @id or id = (select parent_id from centres where id = @id) or parent_id = @id order by id",
            new { id }, cancellationToken: ct))).ToList();
        var centre = rows.FirstOrDefault(r => r.Id == id);
        if (centre is null) return new NotFoundProblem("No such centre", $"No Public Service Centre '{id}'.");
        return TypedResults.Ok(new CentreDetails(centre.View(), rows.FirstOrDefault(r => r.Id == centre.ParentId)?.View(),
            [.. rows.Where(r => r.ParentId == id).Select(r => r.View())]));
    }

    sealed record Row(string Id, string? ParentId, string Level, string Region, string Name, string Address, string Phones)
    {
        public CentreView View() => new(Id, ParentId, Level, Region, Name, Address, JsonSerializer.Deserialize<List<Phone>>(Phones, JsonSerializerOptions.Web)!);
    }
}
