using Registry.Domain.Identifiers;
using Registry.Projections.Queries;

namespace Registry.Api.Website.Pages;

public partial class OrganisationPage
{
    public const int PageSize = 20;

    public sealed record OrganisationModel(OrganisationProfile Profile, int PageNumber, int PageCount)
    {
        public IEnumerable<SearchHit> Documents => Profile.Documents.Skip((PageNumber - 1) * PageSize).Take(PageSize);
    }

    /// <summary>The same query as GET /api/v1/organisations/{bin}; its documents, newest first, twenty to a page.</summary>
    public static async Task<IResult> Handle(Lang lang, string bin, int? page, HttpContext http, IOrganisationQuery query, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        var profile = TaxpayerNumber.IsValid(bin) ? await query.FindAsync(bin, ct) : null;
        if (profile is null) return NotFoundPage.Organisation(site, bin);
        var pages = Math.Max(1, (profile.Documents.Count + PageSize - 1) / PageSize);
        return new HtmlPage<OrganisationPage>(site, new OrganisationModel(profile, Math.Clamp(page ?? 1, 1, pages), pages));
    }
}
