using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Registry.Api.Infrastructure;

/// <summary>What a command decided: a success to return (and remember under the idempotency key) or a refusal.</summary>
public sealed record CommandOutcome(int StatusCode, object? Body, Guid EntityId, string? Location = null, ProblemOutcome? Problem = null)
{
    public static CommandOutcome Success(int statusCode, object body, Guid entityId, string? location = null) => new(statusCode, body, entityId, location);

    public static CommandOutcome Refuse(int statusCode, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        new(statusCode, null, Guid.Empty, Problem: new ProblemOutcome(type, title, detail, extensions, Record: false));

    /// <summary>A refusal that is itself a fact to keep (a Centre refusing intake hands over a receipt): committed with
    /// its audit record, and answered as a problem.</summary>
    public static CommandOutcome RefuseAndRecord(int statusCode, string type, string title, string detail, Guid entityId, IDictionary<string, object?> extensions) =>
        new(statusCode, null, entityId, Problem: new ProblemOutcome(type, title, detail, extensions, Record: true));
}

public sealed record ProblemOutcome(string Type, string Title, string Detail, IDictionary<string, object?>? Extensions, bool Record);

/// <summary>
/// Runs every write the same way: one transaction holding the command's rows, its outbox rows and an audit record; an
/// <c>Idempotency-Key</c> header makes a retry return the first response instead of acting twice (a key reused with a
/// different request is refused). Requests with the same key are serialised by an advisory lock.
/// </summary>
public static class Commands
{
    public const string IdempotencyHeader = "Idempotency-Key";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    const string FindKey = "select request_hash as requesthash, status_code as statuscode, response_body::text as responsebody from idempotency_keys where actor = @actor and key = @key";
    const string SaveKey = "insert into idempotency_keys (key, actor, request_hash, status_code, response_body) values (@key, @actor, @hash, @status, @body::jsonb)";
    const string Audit = "insert into audit_log (actor, action, entity_id, details) values (@actor, @action, @entityId, @details::jsonb)";

    public static async Task<IResult> RunAsync<TRequest>(
        string action,
        TRequest request,
        HttpContext http,
        NpgsqlDataSource dataSource,
        Func<NpgsqlConnection, NpgsqlTransaction, string, Task<CommandOutcome>> command,
        CancellationToken ct)
    {
        var actor = http.User.OfficerName();
        string? key = http.Request.Headers[IdempotencyHeader];
        if (key is { Length: > 200 })
            return ProblemTypes.Problem(400, ProblemTypes.Validation, "Idempotency key too long", "An Idempotency-Key is at most 200 characters.");
        var requestJson = JsonSerializer.Serialize(request, Json);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{action}\n{http.Request.Path}\n{requestJson}")));

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (key is not null)
        {
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtextextended(@lockKey, 0))",
                new { lockKey = $"{actor}\n{key}" }, tx, cancellationToken: ct));
            var previous = await conn.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(FindKey, new { actor, key }, tx, cancellationToken: ct));
            if (previous is not null)
            {
                if (previous.RequestHash != hash)
                    return ProblemTypes.Problem(422, ProblemTypes.IdempotencyMismatch, "Idempotency key reused",
                        $"The key '{key}' was already used for a different request.");
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(previous.ResponseBody, previous.StatusCode >= 400 ? "application/problem+json" : "application/json", Encoding.UTF8, previous.StatusCode);
            }
        }

        CommandOutcome outcome;
        try
        {
            outcome = await command(conn, tx, actor);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
        {
            return ProblemTypes.Problem(409, ProblemTypes.Conflict, "Concurrent change", "The record changed while this request ran; read it again and retry.");
        }
        if (outcome.Problem is { Record: false } problem)
        {
            await tx.RollbackAsync(ct);
            return ProblemTypes.Problem(outcome.StatusCode, problem.Type, problem.Title, problem.Detail, problem.Extensions);
        }

        var body = JsonSerializer.Serialize(outcome.Problem is { } recorded ? ProblemBody(outcome.StatusCode, recorded, http) : outcome.Body, Json);
        // One round trip: an issuing command holds its number counter's lock until commit.
        await conn.ExecuteAsync(new CommandDefinition(key is null ? Audit : $"{Audit};\n{SaveKey}",
            new { actor, action, entityId = outcome.EntityId, details = requestJson, key, hash, status = outcome.StatusCode, body }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        if (outcome.Location is not null) http.Response.Headers.Location = outcome.Location;
        return Results.Text(body, outcome.Problem is null ? "application/json" : "application/problem+json", Encoding.UTF8, outcome.StatusCode);
    }

    static Dictionary<string, object?> ProblemBody(int status, ProblemOutcome p, HttpContext http)
    {
        var body = new Dictionary<string, object?> { ["type"] = p.Type, ["title"] = p.Title, ["status"] = status, ["detail"] = p.Detail, ["instance"] = http.Request.Path.Value };
        foreach (var (key, value) in p.Extensions ?? new Dictionary<string, object?>()) body[key] = value;
        return body;
    }

    sealed record StoredResponse(string RequestHash, int StatusCode, string ResponseBody);
}
