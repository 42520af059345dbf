using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Features.Complaints;

/// <summary>
/// The applicant's status check: talon number plus the access code printed on the talon. The answer carries no personal
/// data — no name, address, official, reasons, answer text or refusal reason — and an unknown number and a wrong code
/// get the same 404, after the same hashing work, so the endpoint does not reveal which talon numbers exist.
/// </summary>
public static class ComplaintStatusLookup
{
    public sealed record Request(string? TalonNumber, string? AccessCode);

    public sealed record ComplaintStatusStep(ComplaintStatus Status, Text Label, DateOnly On);

    public sealed record Response(string TalonNumber, string Service, ComplaintStatus Status, Text StatusLabel, Text Addressee, DateOnly RegisteredOn,
        DateOnly AnswerDueOn, DateOnly? AnswerPostedOn, IReadOnlyList<ComplaintStatusStep> History);

    sealed record Row(Guid Id, string TalonNumber, string Service, string Addressee, string Status, DateTime RegisteredAt, DateOnly AnswerDueOn,
        byte[] AccessCodeHash, DateOnly? PostedOn);

    sealed record HistoryRow(string Status, DateTime ChangedAt);

    static readonly byte[] NoSuchTalon = AccessCodes.Hash(Guid.NewGuid().ToString());

    const string Sql = """
        select c.id, c.talon_number as talonnumber, c.service, c.addressee, c.status, c.registered_at as registeredat, c.answer_due_on as answerdueon,
               c.access_code_hash as accesscodehash, a.posted_on as postedon
        from complaints c left join complaint_answers a on a.complaint_id = c.id
        where c.talon_number = @number
        """;

    public static async Task<Results<Ok<Response>, NotFoundProblem>> Handle(Request request, NpgsqlDataSource dataSource, CancellationToken ct) =>
        await FindAsync(request.TalonNumber, request.AccessCode, dataSource, ct) is { } found
            ? TypedResults.Ok(found)
            : new NotFoundProblem("No such complaint", "No complaint matches this talon number and access code. Check both as printed on the talon.");

    /// <summary>The status, or null for an unknown number and a wrong code alike (the website's form asks this too).</summary>
    public static async Task<Response?> FindAsync(string? talonNumber, string? accessCode, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var number = (talonNumber ?? "").Trim().ToUpperInvariant();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = number.Length is 0 or > 40 ? null
            : await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { number }, cancellationToken: ct));
        if (!AccessCodes.Matches(accessCode, row?.AccessCodeHash ?? NoSuchTalon) || row is null) return null;

        var history = await conn.QueryAsync<HistoryRow>(new CommandDefinition(
            "select status, changed_at as changedat from complaint_status_history where complaint_id = @id order by id", new { row.Id }, cancellationToken: ct));
        var service = ServiceCatalogue.Find(row.Service)!;
        var addressee = Slugs.Parse<ComplaintAddressee>(row.Addressee);
        var status = Slugs.Parse<ComplaintStatus>(row.Status);
        return new Response(row.TalonNumber, row.Service, status, ComplaintStatusLabels.Of(status),
            service.ComplaintRoutes.Single(r => r.Addressee == addressee).To, DateOnly.FromDateTime(row.RegisteredAt), row.AnswerDueOn, row.PostedOn,
            [.. history.Select(h => Slugs.Parse<ComplaintStatus>(h.Status)).Zip(history, (s, h) => new ComplaintStatusStep(s, ComplaintStatusLabels.Of(s), DateOnly.FromDateTime(h.ChangedAt)))]);
    }
}

/// <summary>The portal statuses in the seed's words (l. 352): жеткізу, тіркеу, орындалу, қарау, қараудан бас тарту.</summary>
public static class ComplaintStatusLabels
{
    public static Text Of(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Delivered => new("жеткізу", "доставлено"),
        ComplaintStatus.Registered => new("тіркеу", "зарегистрировано"),
        ComplaintStatus.InProgress => new("орындалу", "исполняется"),
        ComplaintStatus.Answered => new("қарау", "рассмотрено"),
        ComplaintStatus.ReviewRefused => new("қараудан бас тарту", "отказано в рассмотрении"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
