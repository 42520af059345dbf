using Dapper;
using Npgsql;
using Registry.Domain.Quality;

namespace Registry.Api.WriteModel;

/// <summary>Officers' entries of paper survey results: aggregates, never respondents.</summary>
public static class SurveyResults
{
    public static Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, string service, string indicator, ReportingPeriod period,
        int respondents, int satisfied, string source, string actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into survey_results (id, service, indicator, period_label, period_from, period_to, respondents, satisfied, source, recorded_by)
            values (@id, @service, @indicator, @label, @from, @to, @respondents, @satisfied, @source, @actor)
            """, new { id, service, indicator, label = period.Label, from = period.From, to = period.To, respondents, satisfied, source, actor }, tx, cancellationToken: ct));
}
