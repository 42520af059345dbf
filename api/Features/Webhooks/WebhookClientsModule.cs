using System.ComponentModel.DataAnnotations;
using Carter;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;

namespace Registry.Api.Features.Webhooks;

/// <summary>Officers register the third parties that may subscribe to webhooks and issue their API keys.</summary>
public sealed class WebhookClientsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/webhook-clients").WithTags("Webhooks").RequireOfficer(Policies.RecordDecisions);
        g.MapPost("/", Register).WithName("RegisterWebhookClient")
            .WithSummary("Register a third party that may subscribe to webhooks (then issue its API key)")
            .ProducesValidationProblem();
        g.MapGet("/", List).WithName("ListWebhookClients").WithSummary("Registered third parties");
        g.MapPost("/{id:guid}/key", IssueKey).WithName("IssueWebhookClientKey")
            .WithSummary("Issue the client's API key, shown once; any previous key stops working")
            .WithDescription("Only the key's SHA-256 is stored. Calling again (a lost answer, a leaked key) replaces the key: the last key returned is the one that works.");
        g.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeWebhookClient")
            .WithSummary("Revoke the client's API key and disable its subscriptions");
    }

    public sealed record Request([property: Required, StringLength(200, MinimumLength = 2)] string Name, [property: StringLength(200)] string? Contact);

    public sealed record Client(Guid Id, string Name, string? Contact, bool HasKey, DateTime? KeyIssuedAt, DateTime CreatedAt, DateTime? RevokedAt);

    public sealed record IssuedKey(Guid ClientId, string ApiKey, DateTime IssuedAt)
    {
        public string Header => ApiKeyAuthentication.Header;
    }

    const string Columns = "id, name, contact, key_hash is not null as haskey, key_issued_at as keyissuedat, created_at as createdat, revoked_at as revokedat";

    static async Task<CreationResult<Client>> Register(Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, CancellationToken ct) =>
        new(await Commands.RunAsync(dataSource, http.Command("webhook-client.register", request), async (conn, tx, actor) =>
        {
            var client = await conn.QuerySingleAsync<Client>(new CommandDefinition(
                $"insert into webhook_clients (id, name, contact, created_by) values (@id, @name, @contact, @actor) returning {Columns}",
                new { id = Guid.CreateVersion7(), name = request.Name.Trim(), contact = request.Contact?.Trim(), actor }, tx, cancellationToken: ct));
            return CommandOutcome.Success(201, client, client.Id, $"/api/v1/admin/webhook-clients/{client.Id}");
        }, ct));

    static async Task<Ok<List<Client>>> List(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<Client>(new CommandDefinition($"select {Columns} from webhook_clients order by created_at", cancellationToken: ct))).AsList());
    }

    /// <summary>Not replayed under an Idempotency-Key: the answer holds the key, which is never stored. A retry issues a new
    /// key and voids the one whose answer was lost.</summary>
    static async Task<Results<Ok<IssuedKey>, NotFoundProblem>> IssueKey(Guid id, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var key = ApiKeyAuthentication.NewKey();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var issuedAt = await conn.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition("""
            update webhook_clients set key_hash = @hash, key_issued_at = now() where id = @id and revoked_at is null returning key_issued_at
            """, new { id, hash = ApiKeyAuthentication.Hash(key) }, tx, cancellationToken: ct));
        if (issuedAt is null) return new NotFoundProblem("No such client", $"No active webhook client {id}.");
        await Audit(conn, tx, http, "webhook-client.issue-key", id, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new IssuedKey(id, key, issuedAt.Value));
    }

    static async Task<CommandResult<Client>> Revoke(Guid id, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, CancellationToken ct) =>
        new(await Commands.RunAsync(dataSource, http.Command("webhook-client.revoke", new { id }), async (conn, tx, _) =>
        {
            var client = await conn.QuerySingleOrDefaultAsync<Client>(new CommandDefinition($"""
                update webhook_subscriptions set status = 'disabled', disabled_at = now(), disabled_reason = 'The client''s API key was revoked.'
                where client_id = @id and status = 'active';
                update webhook_clients set revoked_at = coalesce(revoked_at, now()), key_hash = null where id = @id returning {Columns}
                """, new { id }, tx, cancellationToken: ct));
            return client is null
                ? CommandOutcome.Refuse(404, ProblemTypes.NotFound, "No such client", $"No webhook client {id}.")
                : CommandOutcome.Success(200, client, id);
        }, ct));

    static Task Audit(NpgsqlConnection conn, NpgsqlTransaction tx, HttpContext http, string action, Guid id, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("insert into audit_log (actor, action, entity_id, details) values (@actor, @action, @id, '{}'::jsonb)",
            new { actor = http.User.OfficerName(), action, id }, tx, cancellationToken: ct));
}
