using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;
using Registry.Projections.Queries;

namespace Registry.Api.Features.Changes;

/// <summary>Third parties mirror the registry by polling this feed: every applied document version, in order, once.</summary>
public sealed class ChangesModule : ICarterModule
{
    public const int MaxPage = 1000;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/changes").WithTags("Changes").AllowAnonymous().RequirePublicRateLimit()
            .MapGet("/", Read).WithName("ReadChanges")
            .WithSummary("Document changes after a sequence number, oldest first")
            .WithDescription("Start with after=0; store the last seq you processed and pass it as after next time. Fetch the document with GetDocument for its full state. A change appears here only after it is visible in verify and search. "
                + "seq only grows, and a change becomes visible only after every change with a smaller seq, so resuming after the last seq you stored never skips one. "
                + "seq may have gaps (numbers used by a projection batch that was rolled back): do not expect consecutive numbers, and do not treat a gap as a missed change.");
    }

    public sealed record ChangePage(IReadOnlyList<ChangeEntry> Items, long LastSeq, string Next);

    static async Task<Results<Ok<ChangePage>, ValidationProblem>> Read(long? after, int? limit, IChangeFeedQuery query, CancellationToken ct)
    {
        if (after < 0 || limit is < 1 or > MaxPage)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = [$"after ≥ 0 and 1 ≤ limit ≤ {MaxPage}."] }, type: ProblemTypes.Validation);
        var from = after ?? 0;
        var items = await query.ReadAsync(from, limit ?? 100, ct);
        var last = items.Count > 0 ? items[^1].Seq : from;
        return TypedResults.Ok(new ChangePage(items, last, $"/api/v1/changes?after={last}&limit={limit ?? 100}"));
    }
}
