using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Records how the result, a paper print of it, or the refusal notice reached the applicant (para 15): only the
/// ways the service offers for the channel the application came by (<see cref="ResultHandover"/>).</summary>
public static class RecordHandover
{
    /// <summary>Item: result, paper-copy or refusal-notice (a duplicate is handed over when it is issued). Method: in-person,
    /// post, centre-window or personal-cabinet. Recipient: applicant or representative. TrackingNumber: for post.</summary>
    public sealed record Request(string Item, string Method, DateOnly? HandedOverOn, string? Recipient, string? TrackingNumber);

    public sealed record Response(Guid ApplicationId, string Item, string Method, DateOnly HandedOverOn, int Version);

    static readonly string[] Recipients = ["applicant", "representative"];

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (!Slugs.TryParse<HandoverItem>(request.Item, out var item) || item == HandoverItem.Duplicate)
            errors["item"] = ["Item is result, paper-copy or refusal-notice; a duplicate is handed over when it is issued."];
        if (!Slugs.TryParse<DeliveryMethod>(request.Method, out var method)) errors["method"] = [$"Method is one of {string.Join(", ", Slugs.All<DeliveryMethod>())}."];
        if (request.Recipient is { } r && !Recipients.Contains(r)) errors["recipient"] = ["Recipient is applicant or representative."];
        if (request.HandedOverOn > today) errors["handedOverOn"] = ["The date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the application's version."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        var on = request.HandedOverOn ?? today;

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command("application.handover", new { id, request }), async (conn, tx, actor) =>
        {
            var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
            if (ApplicationRecords.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var decided = item == HandoverItem.RefusalNotice
                ? app!.Status == ApplicationStatus.Refused
                : app!.Status is ApplicationStatus.Issued or ApplicationStatus.DeemedIssued;
            if (!decided)
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Nothing to hand over", $"The application is {app.StatusText}: there is no {item.Slug()} yet.",
                    new Dictionary<string, object?> { ["currentStatus"] = app.StatusText });
            if (ResultHandover.DeliveryError(app.Definition, app.Channel, item, method) is { } error)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Not a way this service hands over", error);
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into result_handovers (application_id, item, method, handed_over_on, recipient, tracking_number, recorded_by)
                values (@id, @item, @method, @on, @Recipient, @TrackingNumber, @actor)
                """, new { id, item = item.Slug(), method = method.Slug(), on, request.Recipient, request.TrackingNumber, actor }, tx, cancellationToken: ct));
            await ApplicationRecords.TouchAsync(conn, tx, id, ct);
            return CommandOutcome.Success(200, new Response(id, item.Slug(), method.Slug(), on, app.Version + 1), id);
        }, ct));
    }
}
