using Registry.Api.Features.Proofs;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;
using Registry.Domain.Services;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Api.Website.Pages;

public partial class DocumentPage
{
    /// <summary>OnDate: the answer for the date asked (null when none was); DateError when the date could not be read.
    /// CanonicalUrl: the document's address in no language; QrPayload: what its QR code carries.</summary>
    public sealed record DocumentModel(PublicDocument Document, ServiceDefinition Service, string StatusToday, VerificationResult? OnDate,
        string? OnInput, Text? DateError, string CanonicalUrl, string QrPayload);

    /// <summary>The same lookup and the same "valid on a date" rule as GET /api/v1/verify/{number}.</summary>
    public static async Task<IResult> Handle(Lang lang, string number, string? on, HttpContext http, IVerifyQuery query, DocumentProofs proofs, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        number = RouteValues.AsWritten(number);
        var document = await query.FindAsync(DocumentNumber.Normalize(number), ct);
        if (document is null) return await NotFoundPage.DocumentAsync(site, number, query, ct);
        var service = ServiceCatalogue.All.First(s => s.Result == document.Kind);
        VerificationResult? onDate = null;
        Text? error = null;
        if (!string.IsNullOrWhiteSpace(on))
        {
            if (Formats.TryReadDate(on, out var day)) onDate = Verification.Verify(document, day, null);
            else error = Labels.DateInvalid;
        }
        // Everything the page shows follows from these: the inspectors' hot path renders each version of a page once.
        var renderedAs = $"{site.Lang}|{site.PathAndQuery}|{site.Today:O}|{site.BaseUrl}|{document.Number}|{document.Version}";
        return new HtmlPage<DocumentPage>(site, new DocumentModel(document, service, Verification.Verify(document, site.Today, null).StatusOnDate, onDate, on, error,
            $"{site.BaseUrl}/documents/{Uri.EscapeDataString(document.Number)}", Shared.QrCode.PayloadOf(site, document, proofs)), error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
            renderedAs: renderedAs);
    }

    /// <summary>A document's address in no language — what its QR code carries — leads to its page in the language the
    /// reader's browser prefers, Kazakh unless Russian comes first.</summary>
    public static IResult Canonical(string number, HttpContext http)
    {
        var preferred = http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "kk" or "ru");
        http.Response.Headers.Vary = "Accept-Language";
        return TypedResults.Redirect($"/{(preferred == "ru" ? Lang.Ru : Lang.Kk)}/documents/{Uri.EscapeDataString(RouteValues.AsWritten(number))}");
    }
}
