using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Documents;

public static class ChangeDocumentStatus
{
    public sealed record Request(string Reason, DateOnly? EffectiveOn);

    public sealed record Response(string Number, string Status, DateOnly EffectiveOn, int Version);

    public static async Task<IResult> Handle(DocumentAction action, string number, Request request, HttpContext http, NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason)) errors["reason"] = ["State the reason for the change."];
        if (request.EffectiveOn > today) errors["effectiveOn"] = ["The effective date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the document's version, e.g. \"2\"."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return await Commands.RunAsync($"document.{action.ToString().ToLowerInvariant()}", new { number, request }, http, dataSource,
            (conn, tx, actor) => ApplyAsync(conn, tx, action, DocumentNumber.Normalize(number), request.Reason.Trim(), request.EffectiveOn ?? today, expectedVersion, actor, ct), ct);
    }

    /// <summary>Shared with the deadline sweeper, which expires documents whose term has ended.</summary>
    public static async Task<CommandOutcome> ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DocumentAction action, string numberNorm, string reason,
        DateOnly effectiveOn, int? expectedVersion, string actor, CancellationToken ct)
    {
        var document = await conn.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(
            "select id, number, status, version, issued_on as issuedon from documents where number_norm = @numberNorm for update",
            new { numberNorm }, tx, cancellationToken: ct));
        if (document is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Document not found", $"No document numbered '{numberNorm}'.");
        if (expectedVersion is { } v && v != document.Version)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Stale version", $"The document is at version {document.Version}, not {v}.",
                new Dictionary<string, object?> { ["currentVersion"] = document.Version });
        var transition = DocumentLifecycle.Apply(document.Status, action);
        if (!transition.Allowed)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Change not allowed", transition.Refusal!, new Dictionary<string, object?> { ["status"] = document.Status });
        if (effectiveOn < document.IssuedOn)
            return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Before issue", "A status change cannot take effect before the document was issued.");

        await conn.ExecuteAsync(new CommandDefinition("""
            update documents set status = @status, version = version + 1 where id = @id;
            insert into document_status_history (document_id, status, effective_on, reason, recorded_by) values (@id, @status, @effectiveOn, @reason, @actor);
            """, new { document.Id, status = transition.NewStatus, effectiveOn, reason, actor }, tx, cancellationToken: ct));
        await Outbox.AppendDocumentChangedAsync(conn, tx, document.Id, transition.NewStatus!, ct);
        return CommandOutcome.Success(200, new Response(document.Number, transition.NewStatus!, effectiveOn, document.Version + 1), document.Id);
    }

    sealed record DocumentRow(Guid Id, string Number, string Status, int Version, DateOnly IssuedOn);
}
