using Registry.Api.Infrastructure;

namespace Registry.Api.WriteModel;

/// <summary>What a command decided: a success to return (and remember under the idempotency key) or a refusal. Kept,
/// when set, is what is remembered instead of Body: the same answer without a secret that is shown once (a talon's access
/// code), so a retry gets the answer without the secret and the database never holds it.</summary>
public sealed record CommandOutcome(int StatusCode, object? Body, Guid EntityId, string? Location = null, ProblemOutcome? Problem = null, object? Kept = null)
{
    /// <summary>A document number to assign with the commit; Body and Kept show its placeholder until then.</summary>
    public NumberAtCommit? Numbering { get; init; }

    public static CommandOutcome Success(int statusCode, object body, Guid entityId, string? location = null) => new(statusCode, body, entityId, location);

    public static CommandOutcome SuccessShownOnce(int statusCode, object body, object kept, Guid entityId, string? location = null) =>
        new(statusCode, body, entityId, location, Kept: kept);

    public static CommandOutcome Refuse(int statusCode, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        new(statusCode, null, Guid.Empty, Problem: new ProblemOutcome(type, title, detail, extensions, Record: false));

    /// <summary>A refusal that is itself a fact to keep (a Centre refusing intake hands over a receipt): committed with
    /// its audit record, and answered as a problem.</summary>
    public static CommandOutcome RefuseAndRecord(int statusCode, string type, string title, string detail, Guid entityId, IDictionary<string, object?> extensions) =>
        new(statusCode, null, entityId, Problem: new ProblemOutcome(type, title, detail, extensions, Record: true));
}

public sealed record ProblemOutcome(string Type, string Title, string Detail, IDictionary<string, object?>? Extensions, bool Record);
