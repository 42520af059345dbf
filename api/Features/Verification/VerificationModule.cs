using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Documents;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Api.Features.Verification;

/// <summary>The inspectors' hot path: is this document genuine, valid on that day, and does it cover what is in front of me?</summary>
public sealed class VerificationModule : ICarterModule
{
    public const int MaxBulk = 1000;

    /// <summary>Longer than any document number, however it is spaced: what a bulk request may echo back per entry.</summary>
    public const int MaxNumberLength = 64;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/verify").WithTags("Verification").AllowAnonymous().RequirePublicRateLimit();

        g.MapGet("/{number}", Verify).WithName("VerifyDocument")
            .WithSummary("Verify a document by its number")
            .WithDescription("Number matching ignores case, spaces, dashes, slashes and Cyrillic look-alike letters, reads the kind's letters typed in Cyrillic as they sound (ПРМ for PRM) or on the Russian keyboard layout (ЗКЬ), and is otherwise exact. asOf (YYYY-MM-DD, default today) asks whether the document was valid on that day; covers asks whether its scope names an activity sub-type, technology, device or product. A 404 for a number typed without its leading zeros (ATT-2024-1), with a zero too many (ATT-2024-0000001) or with the letter O for a zero lists the document it probably means in didYouMean.");

        g.MapPost("/", VerifyMany).WithName("VerifyDocuments")
            .WithSummary($"Verify up to {MaxBulk} numbers in one call, one result per number, in request order");
    }

    public static async Task<Results<Ok<VerificationResult>, NotModified, NotFoundProblem>> Verify(string number, DateOnly? asOf, string? covers,
        HttpContext http, IVerifyQuery query, TimeProvider clock, CancellationToken ct)
    {
        number = RouteValues.AsWritten(number);
        var day = asOf ?? Today(clock);
        var document = await query.FindAsync(DocumentNumber.Normalize(number), ct);
        if (document is null) return await NotFoundAsync(number, query, ct);
        if (Caching.IsNotModified(http, $"{document.Number}|{document.Version}|{day:O}|{covers}")) return new NotModified();
        return TypedResults.Ok(Projections.Public.Verification.Verify(document, day, covers));
    }

    /// <summary>Verification never guesses: a mistyped number is not found, and the answer names the document the
    /// caller probably meant (unpadded or over-padded sequence, letter O for zero), if one exists, so the inspector can check it.</summary>
    static async Task<NotFoundProblem> NotFoundAsync(string number, IVerifyQuery query, CancellationToken ct)
    {
        var meant = await query.FindMeantAsync(number, ct);
        return new NotFoundProblem("No such document",
            meant is null ? $"No document numbered '{number}' is in the public registry." : $"No document numbered '{number}' is in the public registry. Did you mean {meant.Number}?",
            new Dictionary<string, object?> { ["didYouMean"] = meant is null ? Array.Empty<string>() : [meant.Number] });
    }

    public sealed record BulkRequest(IReadOnlyList<string> Numbers, DateOnly? AsOf);

    public sealed record BulkItem(string Number, bool Found, VerificationResult? Result);

    public sealed record BulkVerification(DateOnly AsOf, int Count, int Found, IReadOnlyList<BulkItem> Results);

    public static async Task<Results<Ok<BulkVerification>, ValidationProblem>> VerifyMany([FromBody] BulkRequest request, IVerifyQuery query,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.Numbers is null || request.Numbers.Count is 0 or > MaxBulk)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["numbers"] = [$"Send between 1 and {MaxBulk} numbers."] }, type: ProblemTypes.Validation);
        var malformed = request.Numbers.Select((n, i) => (n, i)).Where(x => string.IsNullOrWhiteSpace(x.n) || x.n.Length > MaxNumberLength).Take(20)
            .ToDictionary(x => $"numbers[{x.i}]", _ => new[] { $"A document number is a non-empty text of at most {MaxNumberLength} characters." });
        if (malformed.Count > 0) return TypedResults.ValidationProblem(malformed, type: ProblemTypes.Validation);
        var day = request.AsOf ?? Today(clock);
        var found = await query.FindManyAsync([.. request.Numbers.Select(DocumentNumber.Normalize).Distinct()], ct);
        var results = request.Numbers
            .Select(n => found.TryGetValue(DocumentNumber.Normalize(n), out var d)
                ? new BulkItem(n, true, Projections.Public.Verification.Verify(d, day, null))
                : new BulkItem(n, false, null))
            .ToList();
        return TypedResults.Ok(new BulkVerification(day, results.Count, results.Count(r => r.Found), results));
    }

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().Date);
}
