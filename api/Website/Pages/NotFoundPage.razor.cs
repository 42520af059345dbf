using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class NotFoundPage
{
    public sealed record NotFoundModel(string? Message = null, Text? Help = null, string? Query = null);

    public static IResult Handle(Lang lang, HttpContext http) => new HtmlPage<NotFoundPage>(Site.For(http, lang), new NotFoundModel(), StatusCodes.Status404NotFound);

    public static IResult Document(Site site, string number) => new HtmlPage<NotFoundPage>(site,
        new NotFoundModel(Labels.DocumentNotFound.Format(site.Lang, number), Labels.DocumentNotFoundHelp, number), StatusCodes.Status404NotFound);

    public static IResult Organisation(Site site, string bin) => new HtmlPage<NotFoundPage>(site,
        new NotFoundModel(Labels.OrganisationNotFound.Format(site.Lang, bin), null, bin), StatusCodes.Status404NotFound);
}
