using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Services;

namespace Registry.Api.Features.Documents;

/// <summary>
/// Services 4–6: a duplicate (телнұсқа) of a lost or damaged result, linked to the original document. The request is
/// recorded once it is complete — an application, proof of the loss or damage, and the paragraph-11 documents — and is
/// due 10 working days later (l. 6913, 9008, 11044); issuing it publishes the day on the original's public record.
/// </summary>
public static class DocumentDuplicates
{
    /// <summary>Cause: lost or damaged. Documents: codes handed in — duplicate-application, loss-or-damage-proof and the
    /// service's paragraph-11 documents (see GET /api/v1/services/{code}).</summary>
    public sealed record Request(string Cause, DateOnly? SubmittedOn, IReadOnlyList<string>? Documents);

    public sealed record Requested(string Number, int Ordinal, string Cause, DateOnly SubmittedOn, DateOnly DueOn);

    /// <summary>Method: in-person or post (the Committee hands a duplicate over).</summary>
    public sealed record IssueRequest(DateOnly? IssuedOn, string Method, string? TrackingNumber);

    public sealed record Issued(string Number, int Ordinal, DateOnly IssuedOn, DateOnly DueOn, bool Late, int Version);

    sealed record DuplicateRow(Guid Id, DateOnly SubmittedOn, DateOnly DueOn, DateOnly? IssuedOn);

    public static async Task<Results<CreationResult<Requested>, ValidationProblem>> RecordRequest(string number, Request request, HttpContext http,
        [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (request.Cause is not ("lost" or "damaged")) errors["cause"] = ["Cause is lost or damaged."];
        if (request.SubmittedOn > today) errors["submittedOn"] = ["The date cannot be in the future."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        var submittedOn = request.SubmittedOn ?? today;

        return new CreationResult<Requested>(await Commands.RunAsync(dataSource, http.Command("document.duplicate-requested", new { number, request }), async (conn, tx, actor) =>
        {
            var document = await IssuedDocuments.LockAsync(conn, tx, DocumentNumber.Normalize(number), ct);
            if (IssuedDocuments.Check(document, number, null) is { } refusal) return refusal;
            var service = ServiceCatalogue.Issuing(Slugs.Parse<DocumentKind>(document!.Kind));
            if (service.Duplicates is not { } rule)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "No duplicates", $"The {service.Code} standard has no duplicate rule (only services 4–6 do).");
            if (document.Status is DocumentStatus.Revoked or DocumentStatus.Expired)
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Not in force", $"The document is {document.StatusText}: there is nothing to duplicate.");
            if (Duplicates.Missing(service, request.Documents ?? []) is { Count: > 0 } missing)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Request incomplete",
                    $"The 10 working days run from the day all of these are handed in: {string.Join(", ", missing)}.", new Dictionary<string, object?> { ["missing"] = missing });
            if (submittedOn < document.IssuedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Before issue", "A duplicate cannot be asked for before the document was issued.");
            var due = Duplicates.DueOn(rule, submittedOn, calendar);
            var ordinal = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
                insert into document_duplicates (id, document_id, ordinal, cause, submitted_on, due_on, documents, recorded_by)
                select @id, @documentId, coalesce(max(ordinal), 0) + 1, @Cause, @submittedOn, @due, @documents, @actor from document_duplicates where document_id = @documentId
                returning ordinal
                """, new
            {
                id = Guid.CreateVersion7(), documentId = document.Id, request.Cause, submittedOn, due, documents = (request.Documents ?? []).Distinct().ToArray(), actor,
            }, tx, cancellationToken: ct));
            return CommandOutcome.Success(StatusCodes.Status201Created, new Requested(document.Number, ordinal, request.Cause, submittedOn, due), document.Id,
                $"/api/v1/documents/{document.Number}/duplicates/{ordinal}");
        }, ct));
    }

    public static async Task<Results<CommandResult<Issued>, ValidationProblem>> Issue(string number, int ordinal, IssueRequest request, HttpContext http,
        [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (!Slugs.TryParse<DeliveryMethod>(request.Method, out var method)) errors["method"] = ["Method is in-person or post."];
        if (request.IssuedOn > today) errors["issuedOn"] = ["The date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the document's version."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        var issuedOn = request.IssuedOn ?? today;

        return new CommandResult<Issued>(await Commands.RunAsync(dataSource, http.Command("document.duplicate-issued", new { number, ordinal, request }), async (conn, tx, actor) =>
        {
            var document = await IssuedDocuments.LockAsync(conn, tx, DocumentNumber.Normalize(number), ct);
            if (IssuedDocuments.Check(document, number, expectedVersion) is { } refusal) return refusal;
            var service = ServiceCatalogue.Issuing(Slugs.Parse<DocumentKind>(document!.Kind));
            var duplicate = await conn.QuerySingleOrDefaultAsync<DuplicateRow>(new CommandDefinition(
                "select id, submitted_on as submittedon, due_on as dueon, issued_on as issuedon from document_duplicates where document_id = @Id and ordinal = @ordinal",
                new { document.Id, ordinal }, tx, cancellationToken: ct));
            if (duplicate is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "No such duplicate request", $"{document.Number} has no duplicate request {ordinal}.");
            if (duplicate.IssuedOn is not null) return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Already issued", $"Duplicate {ordinal} was issued on {duplicate.IssuedOn:yyyy-MM-dd}.");
            if (issuedOn < duplicate.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Before the request", "A duplicate cannot be issued before it was asked for.");
            if (ResultHandover.DeliveryError(service, Channel.Committee, HandoverItem.Duplicate, method) is { } error)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Not a way a duplicate is handed over", error);
            await conn.ExecuteAsync(new CommandDefinition("""
                update document_duplicates set issued_on = @issuedOn, handover_method = @method, issued_by = @actor where id = @Id;
                insert into result_handovers (application_id, item, method, handed_over_on, tracking_number, recorded_by)
                values (@applicationId, @item, @method, @issuedOn, @TrackingNumber, @actor);
                """, new
            {
                duplicate.Id, issuedOn, method = method.Slug(), actor, applicationId = document.ApplicationId, item = HandoverItem.Duplicate.Slug(), request.TrackingNumber,
            }, tx, cancellationToken: ct));
            await IssuedDocuments.RepublishAsync(conn, tx, document.Id, "duplicate-issued", ct);
            return CommandOutcome.Success(200, new Issued(document.Number, ordinal, issuedOn, duplicate.DueOn, issuedOn > duplicate.DueOn, document.Version + 1), document.Id);
        }, ct));
    }
}
