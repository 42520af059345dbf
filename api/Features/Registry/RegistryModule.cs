using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Search;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Api.Features.Registry;

/// <summary>Public search and document details, read from the projections only.</summary>
public sealed class RegistryModule : ICarterModule
{
    public const int MaxPageSize = 100;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/registry").WithTags("Registry").AllowAnonymous().RequirePublicRateLimit();

        g.MapGet("/search", Search).WithName("SearchRegistry")
            .WithSummary("Search issued documents by number, BIN or organisation name, with filters and facets")
            .WithDescription("q matches a whole document number (also typed without leading zeros, ATT-2024-1, with the letter O for a zero, or pasted with the words around it: № ATT-2024-1 от 12.03.2024; its kind's letters also in Cyrillic as they sound, ПРМ, or typed on the Russian layout, ЗКЬ), "
                + "its beginning (ATT-2024, or ATT-2024-00 for ATT-2024-000001 to -009999: a sequence typed short is both) or its last digits, a 12-digit BIN or its first 6 or more digits (also after its label, БИН: or BIN), or words of the holder's name "
                + "or of the document's scope in Kazakh, Russian or Latin spelling — each word from its beginning, with one typo allowed in "
                + "words of five letters or more, places under their old or Russian names (Гурьев finds Атырау), and a legal form spelled out as its short form "
                + "(Товарищество с ограниченной ответственностью is ТОО). A query that finds nothing is read again: first with a region and a kind of document it names as "
                + "the filters (разрешение ТОО Лифт, Карагандинская обл. is ТОО Лифт among permits in Қарағанды облысы; also г. Алматы, ВКО, аттестат, рұқсат), unless the "
                + "request sets another; then with its keys on the other keyboard layout (Fcnfyf is Астана), then with a word's capitals parting it (АстанаСтрой is "
                + "Астана Строй), then with its words as one (Alem Group is AlemGroup); readAs then names the query the page answers, and readFilters the kind and region "
                + "it searched among. Results come best first: "
                + "the exact number or BIN, then partial numbers and BINs, then names with the words together in the order typed, then names "
                + "with the words anywhere; within each, valid before suspended, expired and revoked, newest first. match says which. "
                + "total is exact up to 10,000 (totalRelation eq); above, it is 10,000 with totalRelation gte. Facets are exact when the total is; "
                + "otherwise facets.exact is false and the counts are estimates. Pages are keyset cursors: pass nextCursor back as cursor. "
                + "region is the region as recorded (a facet's value); a known region's other names, in Kazakh, Russian or English and in any case, "
                + "and its abbreviation (Карагандинская область, Karaganda region, ВКО) are read as it.");

        g.MapGet("/{kind}/{number}", Details).WithName("GetDocument")
            .WithSummary("Public details of one document, with its status history");
    }

    public static async Task<Results<JsonBody<SearchPage>, ValidationProblem>> Search(
        string? q, string? kind, string? status, string? region, string? sector, string? bin, DateOnly? issuedFrom, DateOnly? issuedTo,
        string? sort, string? cursor, int? limit, ISearchQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (kind is not null && !Slugs.TryParse<DocumentKind>(kind, out _))
            errors["kind"] = [$"Unknown kind '{kind}'. One of: {string.Join(", ", Slugs.All<DocumentKind>())}."];
        if (status is not null && !Slugs.TryParse<DocumentStatus>(status, out _))
            errors["status"] = [$"Status is one of {string.Join(", ", Slugs.All<DocumentStatus>())}."];
        if (limit is < 1 or > MaxPageSize) errors["limit"] = [$"Limit is between 1 and {MaxPageSize}."];
        if (issuedFrom > issuedTo) errors["issuedFrom"] = ["issuedFrom is after issuedTo."];
        if (q is { Length: > 200 }) errors["q"] = ["The query is at most 200 characters."];
        var order = SearchSort.Relevance;
        if (sort is not null && !TryParseSort(sort, out order))
            errors["sort"] = [$"Sort is one of {string.Join(", ", Slugs.All<SearchSort>())}."];
        if (cursor is not null && (cursor.Length > 200 || !SearchCursor.IsValidFor(cursor, order)))
            errors["cursor"] = ["This cursor was not produced by this API for this sort order: pass back nextCursor unchanged."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        // A region is filtered on as the registry records it; another of a known region's names is read as that region.
        return new JsonBody<SearchPage>(await query.SearchJsonAsync(new SearchRequest(q, kind?.ToLowerInvariant(), status?.ToLowerInvariant(),
            RegionNames.Default.Named(region) ?? region, sector, bin,
            issuedFrom, issuedTo, order, cursor, limit ?? 20), ct));
    }

    /// <summary>One sort order per name: the slug (issued-newest) or, as documented before, the camel-case name
    /// (issuedNewest); never a number or a comma-separated list.</summary>
    static bool TryParseSort(string sort, out SearchSort order)
    {
        if (Slugs.TryParse(sort, out order)) return true;
        var name = Enum.GetNames<SearchSort>().FirstOrDefault(n => n.Equals(sort, StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out order);
    }

    public static async Task<Results<Ok<PublicDocument>, NotModified, NotFoundProblem>> Details(string kind, string number, HttpContext http,
        IVerifyQuery query, CancellationToken ct)
    {
        number = RouteValues.AsWritten(number);
        var document = Slugs.TryParse<DocumentKind>(kind, out var parsed) ? await query.FindAsync(DocumentNumber.Normalize(number), ct) : null;
        if (document is null || document.Kind != parsed)
            return new NotFoundProblem("No such document", $"No {kind} numbered '{number}' is in the public registry.");
        return Caching.IsNotModified(http, document.Version, Caching.PublicLookup) ? new NotModified() : TypedResults.Ok(document);
    }
}
