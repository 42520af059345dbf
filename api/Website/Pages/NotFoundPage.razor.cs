using Registry.Domain.Services;
using Registry.Projections.Queries;

namespace Registry.Api.Website.Pages;

public partial class NotFoundPage
{
    /// <summary>Meant: the document a mistyped number probably means (as verify's 404 names it), linked, never shown
    /// in its place.</summary>
    public sealed record NotFoundModel(string? Message = null, Text? Help = null, string? Query = null, string? Meant = null);

    public static IResult Handle(Lang lang, HttpContext http) => new HtmlPage<NotFoundPage>(Site.For(http, lang), new NotFoundModel(), StatusCodes.Status404NotFound);

    public static async Task<IResult> DocumentAsync(Site site, string number, IVerifyQuery query, CancellationToken ct)
    {
        var meant = await query.FindMeantAsync(number, ct);
        return new HtmlPage<NotFoundPage>(site,
            new NotFoundModel(Labels.DocumentNotFound.Format(site.Lang, number), Labels.DocumentNotFoundHelp, number, meant?.Number), StatusCodes.Status404NotFound);
    }

    public static IResult Organisation(Site site, string bin) => new HtmlPage<NotFoundPage>(site,
        new NotFoundModel(Labels.OrganisationNotFound.Format(site.Lang, bin), null, bin), StatusCodes.Status404NotFound);
}
