using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Domain.Common;
using Registry.Domain.Complaints;

namespace Registry.Api.Features.Complaints;

/// <summary>Complaints still open after their answer day, oldest first: what the addressees owe.</summary>
public static class OverdueComplaints
{
    public sealed record OverdueComplaint(Guid Id, string TalonNumber, string Service, string Addressee, string Status, DateOnly AnswerDueOn, int DaysOverdue);

    public sealed record Response(DateOnly AsOf, IReadOnlyList<OverdueComplaint> Overdue);

    sealed record Row(Guid Id, string TalonNumber, string Service, string Addressee, string Status, DateOnly AnswerDueOn);

    const string Sql = """
        select id, talon_number as talonnumber, service, addressee, status, answer_due_on as answerdueon
        from complaints where status = any(@open) and answer_due_on < @asOf
        order by answer_due_on, talon_number
        """;

    public static async Task<Ok<Response>> Handle(DateOnly? asOf, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var day = asOf ?? DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var open = ComplaintLifecycle.Open.Select(s => s.Slug()).ToArray();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { open, asOf = day }, cancellationToken: ct));
        return TypedResults.Ok(new Response(day, [.. rows.Select(r => new OverdueComplaint(r.Id, r.TalonNumber, r.Service, r.Addressee, r.Status, r.AnswerDueOn,
            day.DayNumber - r.AnswerDueOn.DayNumber))]));
    }
}
