using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Applications;

namespace Registry.Api.Features.Applications;

/// <summary>The reasoned refusal notice exactly as it was produced, and how it was handed over.</summary>
public static class GetRefusalNotice
{
    public sealed record Handover(string Item, string Method, DateOnly HandedOverOn, string? Recipient, string? TrackingNumber);

    public sealed record Response(RefusalNotice Notice, IReadOnlyList<Handover> Deliveries);

    const string Sql = """
        select body::text from refusal_notices where application_id = @id;
        select item, method, handed_over_on as handedoveron, recipient, tracking_number as trackingnumber
        from result_handovers where application_id = @id and item = 'refusal-notice' order by id;
        """;

    public static async Task<Results<Ok<Response>, NotFoundProblem>> Handle(Guid id, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
        var body = await grid.ReadSingleOrDefaultAsync<string>();
        var deliveries = (await grid.ReadAsync<Handover>()).ToList();
        return body is null
            ? new NotFoundProblem("No refusal notice", $"Application {id} has no refusal notice: it was not refused, or does not exist.")
            : TypedResults.Ok(new Response(JsonSerializer.Deserialize<RefusalNotice>(body, JsonSerializerOptions.Web)!, deliveries));
    }
}
