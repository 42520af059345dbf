using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.WriteModel;

/// <summary>
/// Runs every write the same way — officers' requests, the deadline sweeper and the demo seeder alike: one transaction
/// holding the command's rows, its outbox rows and an audit record; an idempotency key makes a retry return the first
/// response (less any secret shown once, see CommandOutcome.Kept) instead of acting twice (a key reused with a different request is refused). Requests with the same key
/// are serialised by an advisory lock.
/// </summary>
public static class Commands
{
    public const string IdempotencyHeader = "Idempotency-Key";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    const string FindKey = """
        select request_hash as requesthash, status_code as statuscode, response_body::text as responsebody, location
        from idempotency_keys where actor = @actor and key = @key
        """;
    const string SaveKey = """
        insert into idempotency_keys (key, actor, request_hash, status_code, response_body, location) values (@key, @actor, @hash, @status, @body::jsonb, @location)
        """;
    // The same, with the number just assigned in place of its placeholder.
    static string SaveNumberedKey(NumberAtCommit numbering) => $"""
        insert into idempotency_keys (key, actor, request_hash, status_code, response_body, location)
        select @key, @actor, @hash, @status, replace(@body, @numberPlaceholder, n.number)::jsonb, @location from ({numbering.Assigned}) n
        """;
    const string Audit = "insert into audit_log (actor, action, entity_id, details) values (@actor, @action, @entityId, @details::jsonb)";

    public static async Task<CommandReply> RunAsync(NpgsqlDataSource dataSource, CommandRequest request,
        Func<NpgsqlConnection, NpgsqlTransaction, string, Task<CommandOutcome>> command, CancellationToken ct)
    {
        var (action, body, actor, path, key) = request;
        if (key is { Length: > 200 })
            return Live(400, new ProblemOutcome(ProblemTypes.Validation, "Idempotency key too long", "An Idempotency-Key is at most 200 characters.", null, false));
        var requestJson = JsonSerializer.Serialize(body, Json);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{action}\n{path}\n{requestJson}")));

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        WritesAtCommit.Open(tx);
        try
        {
            return await RunInTransactionAsync(conn, tx, request, command, requestJson, hash, ct);
        }
        finally
        {
            WritesAtCommit.Close(tx);
        }
    }

    static async Task<CommandReply> RunInTransactionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CommandRequest request,
        Func<NpgsqlConnection, NpgsqlTransaction, string, Task<CommandOutcome>> command, string requestJson, string hash, CancellationToken ct)
    {
        var (action, _, actor, path, key) = request;
        if (key is not null)
        {
            // The key's lock and the look-up in one round trip: the look-up's snapshot is taken once the lock is granted.
            StoredResponse? previous;
            await using (var grid = await conn.QueryMultipleAsync(new CommandDefinition($"select pg_advisory_xact_lock(hashtextextended(@lockKey, 0));\n{FindKey}",
                new { lockKey = $"{actor}\n{key}", actor, key }, tx, cancellationToken: ct)))
            {
                await grid.ReadAsync();
                previous = await grid.ReadSingleOrDefaultAsync<StoredResponse>();
            }
            if (previous is not null)
                return previous.RequestHash == hash
                    ? new CommandReply(previous.StatusCode, previous.ResponseBody, previous.Location, Replayed: true)
                    : Live(422, new ProblemOutcome(ProblemTypes.IdempotencyMismatch, "Idempotency key reused", $"The key '{key}' was already used for a different request.", null, false));
        }

        CommandOutcome outcome;
        try
        {
            outcome = await command(conn, tx, actor);
        }
        catch (PostgresException e) when (IsConcurrentChange(e))
        {
            return ConcurrentChange;
        }
        if (outcome.Problem is { Record: false } problem)
        {
            await tx.RollbackAsync(ct);
            return Live(outcome.StatusCode, problem);
        }

        var responseBody = JsonSerializer.Serialize(outcome.Problem is { } recorded ? ProblemBody(outcome.StatusCode, recorded, path) : outcome.Body, Json);
        var keptBody = outcome.Kept is { } kept ? JsonSerializer.Serialize(kept, Json) : responseBody;
        // The writes kept for the commit, the number (if any), the audit record, the key and the COMMIT in one round trip:
        // nothing under the number counter's lock waits for the API. Npgsql sees the COMMIT and completes the transaction;
        // an error before it skips it, and disposing the transaction rolls back.
        var numbering = outcome.Numbering;
        var (atCommit, parameters) = WritesAtCommit.Take(tx);
        parameters.AddDynamicParams(new
        {
            actor, action, entityId = outcome.EntityId, details = requestJson, key, hash, status = outcome.StatusCode, body = keptBody, location = outcome.Location,
        });
        if (numbering is not null) parameters.AddDynamicParams(numbering.Parameters);
        string[] statements = [.. atCommit, .. numbering is null ? [] : new[] { numbering.Assign }, Audit, .. key is null ? [] : new[] { numbering is null ? SaveKey : SaveNumberedKey(numbering) }, "commit"];
        var sql = string.Join(";\n", statements);
        string? number = null;
        try
        {
            await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
            if (numbering is not null) number = await grid.ReadSingleAsync<string>();
        }
        catch (PostgresException e) when (IsConcurrentChange(e))
        {
            return ConcurrentChange;
        }
        return new CommandReply(outcome.StatusCode, number is null ? responseBody : responseBody.Replace(numbering!.Placeholder, number, StringComparison.Ordinal),
            outcome.Location, Replayed: false) { AssignedNumber = number };
    }

    static CommandReply Live(int status, ProblemOutcome problem) => new(status, null, null, Replayed: false, problem);

    static bool IsConcurrentChange(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    static CommandReply ConcurrentChange =>
        Live(409, new ProblemOutcome(ProblemTypes.Conflict, "Concurrent change", "The record changed while this request ran; read it again and retry.", null, false));

    static Dictionary<string, object?> ProblemBody(int status, ProblemOutcome p, string path)
    {
        var body = new Dictionary<string, object?> { ["type"] = p.Type, ["title"] = p.Title, ["status"] = status, ["detail"] = p.Detail, ["instance"] = path };
        foreach (var (key, value) in p.Extensions ?? new Dictionary<string, object?>()) body[key] = value;
        return body;
    }

    sealed record StoredResponse(string RequestHash, int StatusCode, string ResponseBody, string? Location);
}
