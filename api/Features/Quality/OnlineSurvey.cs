using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;

namespace Registry.Api.Features.Quality;

/// <summary>
/// The anonymous satisfaction survey: one answer per one-time code (printed on the result or the refusal notice), for
/// indicators 2.1, 3.1, 4.1 and 5.1. The code is spent and the answers are written in one transaction, but nothing ties
/// the answers to the code: they keep only the service, the month and yes/no per question (migration 0282).
/// </summary>
public static class OnlineSurvey
{
    public static readonly string[] Questions = ["2.1", "3.1", "4.1", "5.1"];

    /// <summary>Answers: indicator code → satisfied (true) or not (false); a question left out is not answered.</summary>
    public sealed record Request(string? Code, IReadOnlyDictionary<string, bool>? Answers);

    public sealed record Response(string Service, string Month, IReadOnlyList<string> Answered);

    public enum Outcome
    {
        Recorded,
        UnknownCode,
        AlreadyUsed,
    }

    public static async Task<Results<Created<Response>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(Request request, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 40) errors["code"] = ["The code printed on the result or the refusal notice."];
        if (request.Answers is not { Count: > 0 } answers) errors["answers"] = [$"Answer at least one of {string.Join(", ", Questions)} with true or false."];
        else if (answers.Keys.Where(k => !Questions.Contains(k)).ToList() is { Count: > 0 } unknown)
            errors["answers"] = [$"Not survey questions: {string.Join(", ", unknown)}; the survey asks {string.Join(", ", Questions)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        var (outcome, response) = await AnswerAsync(request.Code!, request.Answers!, dataSource, clock, ct);
        return outcome switch
        {
            Outcome.Recorded => TypedResults.Created((string?)null, response),
            Outcome.AlreadyUsed => new ConflictProblem("Survey code already used", "This code has already been used to answer the survey; each code answers once."),
            _ => new NotFoundProblem("No such survey code", "No survey code matches. Check it as printed on the result or the refusal notice."),
        };
    }

    /// <summary>Spends the code and records the answers, or says why not. The website's form calls this too.</summary>
    public static async Task<(Outcome, Response?)> AnswerAsync(string code, IReadOnlyDictionary<string, bool> answers, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken ct)
    {
        var hash = AccessCodes.Hash(code);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var month = new DateOnly(today.Year, today.Month, 1);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var service = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "update survey_codes set used = true where code_hash = @hash and not used returning service", new { hash }, tx, cancellationToken: ct));
        if (service is null)
        {
            var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from survey_codes where code_hash = @hash)",
                new { hash }, tx, cancellationToken: ct));
            return (exists ? Outcome.AlreadyUsed : Outcome.UnknownCode, null);
        }
        var given = Questions.Where(answers.ContainsKey).ToList();
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into survey_answers (service, month, indicator, satisfied) select @service, @month, unnest(@indicators), unnest(@satisfied)
            """, new { service, month, indicators = given.ToArray(), satisfied = given.Select(q => answers[q]).ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (Outcome.Recorded, new Response(service, $"{month:yyyy-MM}", given));
    }
}
