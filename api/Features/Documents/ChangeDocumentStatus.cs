using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Documents;

/// <summary>An officer suspends, reinstates or revokes a document: the domain decides whether the change is allowed, the
/// change keeps its public reason, internal note, effective date and author in the history, and reaches the public
/// registry through the outbox — the public reason only.</summary>
public static class ChangeDocumentStatus
{
    public sealed record Request(
        [property: Description("PUBLIC: shown in verify, search, the registry page and the change feed. Short (at most 200 characters); no names, phones or IINs.")]
        string PublicReason,
        [property: Description("INTERNAL: kept for officers and the audit only, never published (at most 4000 characters).")]
        string? InternalNote,
        DateOnly? EffectiveOn);

    public sealed record Response(string Number, string Status, DateOnly EffectiveOn, int Version);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(DocumentAction action, string number, Request request,
        HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (PublicReason.Problem(request.PublicReason) is { } problem) errors["publicReason"] = [problem];
        if (request.InternalNote?.Length > PublicReason.MaxInternalNoteLength)
            errors["internalNote"] = [$"An internal note is at most {PublicReason.MaxInternalNoteLength} characters."];
        if (request.EffectiveOn > today) errors["effectiveOn"] = ["The effective date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the document's version, e.g. \"2\"."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command($"document.{action.Slug()}", new { number, request }),
            (conn, tx, actor) => ApplyAsync(conn, tx, action, number, request.PublicReason.Trim(), NullIfBlank(request.InternalNote), request.EffectiveOn ?? today,
                expectedVersion, actor, ct), ct));
    }

    /// <summary>The command itself.</summary>
    public static async Task<CommandOutcome> ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DocumentAction action, string number, string publicReason,
        string? internalNote, DateOnly effectiveOn, int? expectedVersion, string actor, CancellationToken ct)
    {
        var document = await IssuedDocuments.LockAsync(conn, tx, DocumentNumber.Normalize(number), ct);
        if (IssuedDocuments.Check(document, number, expectedVersion) is { } refusal) return refusal;
        var transition = DocumentLifecycle.Apply(document!.Status, action);
        if (!transition.Allowed)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Change not allowed", transition.Refusal!,
                new Dictionary<string, object?> { ["currentStatus"] = document.StatusText });
        if (effectiveOn < document.IssuedOn)
            return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Before issue", "A status change cannot take effect before the document was issued.");

        var next = transition.NewStatus!.Value;
        await IssuedDocuments.ChangeStatusAsync(conn, tx, document.Id, next, effectiveOn, publicReason, internalNote, actor, ct);
        return CommandOutcome.Success(200, new Response(document.Number, next.Slug(), effectiveOn, document.Version + 1), document.Id);
    }

    static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
