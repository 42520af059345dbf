using Npgsql;
using Registry.Api.Features.Centres;

namespace Registry.Api.Website.Pages;

public partial class CentresPage
{
    /// <summary>Regions: every region of annex 1, for the filter links; Centres: those of the chosen region, or all.</summary>
    public sealed record CentresModel(IReadOnlyList<string> Regions, string? Region, IReadOnlyList<CentresModule.CentreView> Centres);

    /// <summary>The same data as GET /api/v1/centres.</summary>
    public static async Task<IResult> Handle(Lang lang, string? region, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var all = await CentresModule.FindAsync(dataSource, null, null, ct);
        var regions = all.Select(c => c.Region).Distinct().ToList();
        var chosen = region is not null && regions.Contains(region) ? region : null;
        return new HtmlPage<CentresPage>(Site.For(http, lang), new CentresModel(regions, chosen, [.. all.Where(c => chosen is null || c.Region == chosen)]));
    }
}
