using Registry.Domain.Documents;
using Registry.Domain.Services;
using Registry.Projections.Queries;

namespace Registry.Api.Website.Pages;

public partial class HomePage
{
    /// <summary>What the quick check form shows again when it cannot answer.</summary>
    public sealed record HomeModel(string? Number = null, string? On = null, Text? Error = null);

    public static IResult Handle(Lang lang, HttpContext http) => new HtmlPage<HomePage>(Site.For(http, lang), new HomeModel());

    /// <summary>"Valid on [date]?": the answer is the document's page on that date.</summary>
    public static async Task<IResult> Verify(Lang lang, string? number, string? on, HttpContext http, IVerifyQuery query, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        if (string.IsNullOrWhiteSpace(number)) return Refuse(site, new HomeModel(number, on, Labels.NumberRequired));
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(on))
        {
            if (!Formats.TryReadDate(on, out var parsed)) return Refuse(site, new HomeModel(number, on, Labels.DateInvalid));
            day = parsed;
        }
        var document = await query.FindAsync(DocumentNumber.Normalize(number), ct);
        if (document is null) return await NotFoundPage.DocumentAsync(site, number, query, ct);
        var target = site.Href($"/documents/{Uri.EscapeDataString(document.Number)}");
        return TypedResults.Redirect(day is { } d ? $"{target}?on={Formats.Date(d)}#on-date" : target);
    }

    static HtmlPage<HomePage> Refuse(Site site, HomeModel model) => new(site, model, StatusCodes.Status400BadRequest);
}
