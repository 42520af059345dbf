using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Domain.Quality;
using Registry.Domain.Services;

namespace Registry.Api.Features.Quality;

/// <summary>
/// The six indicators of one service for one period, computed from what the registry holds: 1.1 from the applications'
/// dates (<see cref="Timeliness"/>), 3.2 from the service catalogue, 2.1/3.1/4.1/5.1 from entered paper survey results and the online survey's answers. A
/// report is computed once and then served from memory for QualityIndicators:CacheSeconds, so public traffic does not
/// scan the applications per request.
/// </summary>
public sealed class QualityReport(NpgsqlDataSource dataSource, IMemoryCache cache, IOptions<QualityOptions> options, TimeProvider clock)
{
    public sealed record QualityIndicatorValue(string Code, Text Name, IndicatorSource Source, decimal? Value, int? Cases, int? Counted,
        decimal? Normative, decimal? Target, string Basis);

    public sealed record IndicatorsReport(string Service, string Period, DateOnly From, DateOnly To, IReadOnlyList<QualityIndicatorValue> Indicators, DateTimeOffset ComputedAt);

    const string DecidedCases = """
        select a.submitted_on as submittedon, a.deadline_on as dueon, coalesce(d.issued_on, r.refused_on) as decidedon, coalesce(d.deemed, false) as deemedissued
        from applications a
        left join documents d on d.application_id = a.id
        left join application_refusals r on r.application_id = a.id
        where a.service = @service and coalesce(d.issued_on, r.refused_on) between @from and @to
        """;

    /// <summary>Paper survey results entered for periods inside this one, plus the online answers of its months.</summary>
    const string Surveys = $"""
        select indicator, sum(respondents)::int as respondents, sum(satisfied)::int as satisfied, string_agg(distinct source, '; ' order by source) as sources
        from (
            select indicator, respondents, satisfied, source
            from survey_results where service = @service and period_from >= @from and period_to <= @to
            union all
            select indicator, count(*)::int, (count(*) filter (where satisfied))::int, '{OnlineSource}'
            from survey_answers where service = @service and month between @from and @to
            group by indicator
        ) s
        group by indicator
        """;

    public const string OnlineSource = "online survey by the one-time code on the result";

    public Task<IndicatorsReport> GetAsync(ServiceDefinition service, ReportingPeriod period, CancellationToken ct) =>
        options.Value.CacheSeconds == 0
            ? ComputeAsync(service, period, ct)
            : cache.GetOrCreateAsync($"quality|{service.Code}|{period.Label}", entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.CacheSeconds);
                return ComputeAsync(service, period, ct);
            })!;

    sealed record SurveyRow(string Indicator, int Respondents, int Satisfied, string Sources);

    async Task<IndicatorsReport> ComputeAsync(ServiceDefinition service, ReportingPeriod period, CancellationToken ct)
    {
        var args = new { service = service.Code, from = period.From, to = period.To };
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var cases = await conn.QueryAsync<DecidedCase>(new CommandDefinition(DecidedCases, args, cancellationToken: ct));
        var surveys = (await conn.QueryAsync<SurveyRow>(new CommandDefinition(Surveys, args, cancellationToken: ct))).ToDictionary(s => s.Indicator);
        var timeliness = Timeliness.Of(cases, period);

        var values = service.QualityIndicators.Select(indicator =>
        {
            var target = options.Value.TargetFor(period.Year, indicator.Code);
            QualityIndicatorValue Value(Share? share, decimal? value, string basis) =>
                new(indicator.Code, indicator.Name.Text, indicator.Source, value, share?.Cases, share?.Counted, target?.Normative, target?.Target, basis);
            return indicator.Source switch
            {
                IndicatorSource.RegistryDates => Value(timeliness, timeliness.Percent,
                    "Applications decided in the period (by the date of the result): decided on or before the deadline counted from submission, "
                    + "suspended days left out; deemed issued by silence is late."),
                IndicatorSource.ServiceCatalogue => Value(null, 100m,
                    $"The registry publishes this service's standard electronically (/api/v1/services/{service.Code}): documents, terms, grounds, complaint routes."),
                _ when surveys.TryGetValue(indicator.Code, out var s) => Value(new Share(s.Respondents, s.Satisfied), new Share(s.Respondents, s.Satisfied).Percent,
                    $"Survey answers for the period; sources: {s.Sources}."),
                _ => Value(null, null, "No survey answers for the period (paper or online)."),
            };
        }).ToList();
        return new(service.Code, period.Label, period.From, period.To, values, clock.GetUtcNow());
    }
}
