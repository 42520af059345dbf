using System.ComponentModel.DataAnnotations;
using Carter;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Identifiers;

namespace Registry.Api.Features.Webhooks;

/// <summary>Third parties subscribe to document changes by number, BIN or kind, see how their deliveries go, and replay.</summary>
public sealed class WebhookSubscriptionsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/webhooks/subscriptions").WithTags("Webhooks").RequireApiKey();
        g.MapPost("/", Subscribe).WithName("CreateWebhookSubscription")
            .WithSummary("Subscribe a receiver URL to changes of a document number, a BIN's documents, or a kind")
            .WithDescription("Deliveries follow Standard Webhooks: POST with webhook-id (stable across retries), webhook-timestamp and webhook-signature "
                + "(v1,base64 HMAC-SHA256 of \"id.timestamp.body\" with the secret's bytes), one event per document change, in change-feed order. "
                + "maxInFlight (1–16, default 1) lets that many deliveries be under way at once for more throughput: each document's changes still "
                + "arrive in order, changes of different documents may then arrive out of feed order (data.seq gives the order). "
                + "Starts after the newest change unless fromSeq is given (a seq of GET /api/v1/changes). The secret is shown here; keep it.");
        g.MapGet("/", List).WithName("ListWebhookSubscriptions").WithSummary("Your subscriptions and how their deliveries go");
        g.MapGet("/{id:guid}", Get).WithName("GetWebhookSubscription")
            .WithSummary("One subscription: position, failures, and why it was disabled");
        g.MapGet("/{id:guid}/attempts", Attempts).WithName("ListWebhookAttempts")
            .WithSummary("The latest failed delivery attempts, newest first");
        g.MapPost("/{id:guid}/replay", Replay).WithName("ReplayWebhookSubscription")
            .WithSummary("Deliver again every matching change after fromSeq (default: resume where it stopped); re-enables a disabled subscription");
        g.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhookSubscription").WithSummary("Stop and remove a subscription");
    }

    public sealed record Request([property: Required] string Url, string? Kind, string? Bin, string? Number, long? FromSeq, int? MaxInFlight = null);

    public sealed record ReplayRequest(long? FromSeq);

    public sealed record Subscription(
        Guid Id, string Url, string? Kind, string? Bin, string? Number, int MaxInFlight, string Status, long Position, int Attempts, DateTime? FailingSince,
        DateTime NextAttemptAt, string? LastError, int? LastStatusCode, DateTime? LastDeliveredAt, DateTime? DisabledAt, string? DisabledReason,
        DateTime CreatedAt, string? Secret);

    public sealed record Attempt(long Seq, string EventId, int AttemptNumber, int? StatusCode, string Error, int DurationMs, DateTime At);

    public sealed record Deleted(Guid Id);

    const string Columns = """
        id, url, kind, bin, number, max_in_flight as maxinflight, status, position, attempts, failing_since as failingsince, next_attempt_at as nextattemptat, last_error as lasterror,
        last_status_code as laststatuscode, last_delivered_at as lastdeliveredat, disabled_at as disabledat, disabled_reason as disabledreason, created_at as createdat,
        null::text as secret
        """;

    static async Task<Results<CreationResult<Subscription>, ValidationProblem, RuleViolationProblem>> Subscribe(Request request, HttpContext http,
        [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, WebhookAddressPolicy policy, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null && request.Bin is null && request.Number is null)
            errors["kind"] = ["Give a document number, a BIN or a kind (or several, all must match)."];
        if (request.Kind is not null && !Slugs.TryParse<DocumentKind>(request.Kind, out _))
            errors["kind"] = [$"Kind is one of {string.Join(", ", Slugs.All<DocumentKind>())}."];
        if (request.Bin is not null && !TaxpayerNumber.IsValid(request.Bin)) errors["bin"] = ["A BIN is 12 digits with a valid check digit."];
        if (request.Number is not null && DocumentNumber.Normalize(request.Number).Length is 0 or > 40) errors["number"] = ["Give a document number."];
        if (request.FromSeq < 0) errors["fromSeq"] = ["fromSeq is a seq of the change feed, 0 or more."];
        if (request.MaxInFlight is < 1 or > 16) errors["maxInFlight"] = ["maxInFlight is from 1 (strict change-feed order) to 16."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        if (await policy.RefuseUrlAsync(request.Url, ct) is { } refusal) return new RuleViolationProblem("Receiver URL refused", refusal);

        return new CreationResult<Subscription>(await Commands.RunAsync(dataSource, http.Command("webhook-subscription.create", request), async (conn, tx, _) =>
        {
            var subscription = await conn.QuerySingleAsync<Subscription>(new CommandDefinition($"""
                insert into webhook_subscriptions (id, client_id, url, secret, kind, bin, number_norm, number, max_in_flight, position)
                values (@id, @clientId, @url, @secret, @kind, @bin, @numberNorm, @number, @maxInFlight,
                        coalesce(@fromSeq, (select coalesce(max(seq), 0) from read.changes)))
                returning {Columns.Replace("null::text as secret", "secret", StringComparison.Ordinal)}
                """, new
            {
                id = Guid.CreateVersion7(), clientId = http.User.ClientId(), url = request.Url, secret = WebhookSignature.NewSecret(),
                kind = request.Kind?.ToLowerInvariant(), request.Bin, numberNorm = request.Number is null ? null : DocumentNumber.Normalize(request.Number),
                number = request.Number?.Trim(), request.FromSeq, maxInFlight = request.MaxInFlight ?? 1,
            }, tx, cancellationToken: ct));
            return CommandOutcome.Success(201, subscription, subscription.Id, $"/api/v1/webhooks/subscriptions/{subscription.Id}");
        }, ct));
    }

    static async Task<Ok<List<Subscription>>> List(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<Subscription>(new CommandDefinition(
            $"select {Columns} from webhook_subscriptions where client_id = @clientId order by created_at", new { clientId = http.User.ClientId() }, cancellationToken: ct))).AsList());
    }

    static async Task<Results<Ok<Subscription>, NotFoundProblem>> Get(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var subscription = await Find(conn, id, http, ct);
        return subscription is null ? NotFound(id) : TypedResults.Ok(subscription);
    }

    static async Task<Results<Ok<List<Attempt>>, NotFoundProblem>> Attempts(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await Find(conn, id, http, ct) is null) return NotFound(id);
        return TypedResults.Ok((await conn.QueryAsync<Attempt>(new CommandDefinition("""
            select seq, event_id as eventid, attempt as attemptnumber, status_code as statuscode, error, duration_ms as durationms, at
            from webhook_attempts where subscription_id = @id order by id desc limit 100
            """, new { id }, cancellationToken: ct))).AsList());
    }

    static async Task<Results<CommandResult<Subscription>, ValidationProblem>> Replay(Guid id, ReplayRequest request, HttpContext http,
        [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (request.FromSeq < 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fromSeq"] = ["fromSeq is 0 or more."] }, type: ProblemTypes.Validation);
        return new CommandResult<Subscription>(await Commands.RunAsync(dataSource, http.Command("webhook-subscription.replay", new { id, request.FromSeq }), async (conn, tx, _) =>
        {
            // Clearing the lease stops a delivery in progress from writing its position over this one.
            var subscription = await conn.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition($"""
                update webhook_subscriptions set position = coalesce(@fromSeq, position), status = 'active', attempts = 0, failing_since = null,
                    next_attempt_at = now(), disabled_at = null, disabled_reason = null, lease_owner = null, lease_until = null
                where id = @id and client_id = @clientId
                returning {Columns}
                """, new { id, clientId = http.User.ClientId(), request.FromSeq }, tx, cancellationToken: ct));
            if (subscription is not null)
                await conn.ExecuteAsync(new CommandDefinition("select pg_notify(@channel, '')", new { channel = WebhookDispatcher.WakeChannel }, tx, cancellationToken: ct));
            return subscription is null ? CommandOutcome.Refuse(404, ProblemTypes.NotFound, "No such subscription", $"You have no subscription {id}.")
                : CommandOutcome.Success(200, subscription, id);
        }, ct));
    }

    static async Task<CommandResult<Deleted>> Delete(Guid id, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, CancellationToken ct) =>
        new(await Commands.RunAsync(dataSource, http.Command("webhook-subscription.delete", new { id }), async (conn, tx, _) =>
            await conn.ExecuteAsync(new CommandDefinition("delete from webhook_subscriptions where id = @id and client_id = @clientId",
                new { id, clientId = http.User.ClientId() }, tx, cancellationToken: ct)) == 0
                ? CommandOutcome.Refuse(404, ProblemTypes.NotFound, "No such subscription", $"You have no subscription {id}.")
                : CommandOutcome.Success(200, new Deleted(id), id), ct));

    static Task<Subscription?> Find(NpgsqlConnection conn, Guid id, HttpContext http, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition($"select {Columns} from webhook_subscriptions where id = @id and client_id = @clientId",
            new { id, clientId = http.User.ClientId() }, cancellationToken: ct));

    static NotFoundProblem NotFound(Guid id) => new("No such subscription", $"You have no subscription {id}.");
}
