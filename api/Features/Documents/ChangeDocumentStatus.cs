using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Documents;

/// <summary>An officer suspends, reinstates or revokes a document: the domain decides whether the change is allowed, the
/// change keeps its reason, effective date and author in the history, and reaches the public registry through the outbox.</summary>
public static class ChangeDocumentStatus
{
    public sealed record Request(string Reason, DateOnly? EffectiveOn);

    public sealed record Response(string Number, string Status, DateOnly EffectiveOn, int Version);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(DocumentAction action, string number, Request request,
        HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason)) errors["reason"] = ["State the reason for the change."];
        if (request.EffectiveOn > today) errors["effectiveOn"] = ["The effective date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the document's version, e.g. \"2\"."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command($"document.{action.Slug()}", new { number, request }),
            (conn, tx, actor) => ApplyAsync(conn, tx, action, number, request.Reason.Trim(), request.EffectiveOn ?? today, expectedVersion, actor, ct), ct));
    }

    /// <summary>The command itself; the deadline sweeper runs it too, to expire documents whose term has ended.</summary>
    public static async Task<CommandOutcome> ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DocumentAction action, string number, string reason,
        DateOnly effectiveOn, int? expectedVersion, string actor, CancellationToken ct)
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
        await IssuedDocuments.ChangeStatusAsync(conn, tx, document.Id, next, effectiveOn, reason, actor, ct);
        return CommandOutcome.Success(200, new Response(document.Number, next.Slug(), effectiveOn, document.Version + 1), document.Id);
    }
}
