using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Domain.Quality;
using Registry.Domain.Services;

namespace Registry.Api.Features.Quality;

/// <summary>
/// Operational figures beside the indicators, per month of the period, aggregated and free of personal data:
/// applications submitted by their current status, results (issued, refused or deemed issued) with the median and 90th
/// percentile of calendar days from submission to the result, suspensions started, and refusals by ground. Served from
/// memory like <see cref="QualityReport"/>.
/// </summary>
public sealed class OperationalStatistics(NpgsqlDataSource dataSource, IMemoryCache cache, IOptions<QualityOptions> options, TimeProvider clock)
{
    public sealed record StatisticsMonth(string Period, IReadOnlyDictionary<string, int> SubmittedByStatus, int Decided, double? MedianDays, double? P90Days,
        int Suspensions, IReadOnlyDictionary<string, int> RefusalsByGround);

    public sealed record StatisticsReport(string Service, string Period, IReadOnlyList<StatisticsMonth> Months, DateTimeOffset ComputedAt);

    const string Sql = """
        select to_char(submitted_on, 'YYYY-MM') as month, status as key, count(*)::int as count
        from applications where service = @service and submitted_on between @from and @to group by 1, 2;

        select to_char(x.decided, 'YYYY-MM') as month, count(*)::int as count,
               percentile_cont(0.5) within group (order by (x.decided - x.submitted_on)::float8) as mediandays,
               percentile_cont(0.9) within group (order by (x.decided - x.submitted_on)::float8) as p90days
        from (select a.submitted_on, coalesce(d.issued_on, r.refused_on) as decided
              from applications a
              left join documents d on d.application_id = a.id
              left join application_refusals r on r.application_id = a.id
              where a.service = @service) x
        where x.decided between @from and @to group by 1;

        select to_char(s.suspended_on, 'YYYY-MM') as month, 'suspensions' as key, count(*)::int as count
        from application_suspensions s join applications a on a.id = s.application_id
        where a.service = @service and s.suspended_on between @from and @to group by 1;

        select to_char(r.refused_on, 'YYYY-MM') as month, g as key, count(*)::int as count
        from application_refusals r join applications a on a.id = r.application_id, unnest(r.grounds) g
        where a.service = @service and r.refused_on between @from and @to group by 1, 2;
        """;

    sealed record Tally(string Month, string Key, int Count);

    sealed record Decided(string Month, int Count, double? MedianDays, double? P90Days);

    public Task<StatisticsReport> GetAsync(ServiceDefinition service, ReportingPeriod period, CancellationToken ct) =>
        options.Value.CacheSeconds == 0
            ? ComputeAsync(service, period, ct)
            : cache.GetOrCreateAsync($"statistics|{service.Code}|{period.Label}", entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.CacheSeconds);
                return ComputeAsync(service, period, ct);
            })!;

    async Task<StatisticsReport> ComputeAsync(ServiceDefinition service, ReportingPeriod period, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { service = service.Code, from = period.From, to = period.To }, cancellationToken: ct));
        var submitted = (await grid.ReadAsync<Tally>()).ToList();
        var decided = (await grid.ReadAsync<Decided>()).ToDictionary(d => d.Month);
        var suspensions = (await grid.ReadAsync<Tally>()).ToDictionary(s => s.Month, s => s.Count);
        var refusals = (await grid.ReadAsync<Tally>()).ToList();

        var months = new List<StatisticsMonth>();
        for (var m = period.From; m <= period.To; m = m.AddMonths(1))
        {
            var key = $"{m.Year:D4}-{m.Month:D2}";
            var d = decided.GetValueOrDefault(key);
            months.Add(new(key, submitted.Where(s => s.Month == key).ToDictionary(s => s.Key, s => s.Count), d?.Count ?? 0, d?.MedianDays, d?.P90Days,
                suspensions.GetValueOrDefault(key), refusals.Where(r => r.Month == key).ToDictionary(r => r.Key, r => r.Count)));
        }
        return new(service.Code, period.Label, months, clock.GetUtcNow());
    }
}
