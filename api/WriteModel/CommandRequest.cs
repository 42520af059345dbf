namespace Registry.Api.WriteModel;

/// <summary>Who runs a command and what they asked: the audit record and the idempotency check come from it.</summary>
public sealed record CommandRequest(string Action, object Request, string Actor, string Path, string? IdempotencyKey = null);

/// <summary>The answer a command gave. A committed answer is kept as the exact bytes first sent, so a retry with the
/// same key gets the same status, Location and body; a refusal that changed nothing is a live problem.</summary>
public sealed record CommandReply(int StatusCode, string? Body, string? Location, bool Replayed, ProblemOutcome? Problem = null)
{
    /// <summary>The document number the command assigned at commit, if it issued one.</summary>
    public string? AssignedNumber { get; init; }

    public bool Succeeded => StatusCode < 400;
}
