using System.Globalization;
using System.Text;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Domain.Services;

namespace Registry.Api.Features.Quality;

/// <summary>The quality indicators of each service (annex 3 for services 1–4, annex 2 for 5–6), per year, quarter or
/// month, as JSON or CSV; officers enter paper survey results for the satisfaction indicators.</summary>
public sealed class QualityModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/services/{code}/quality-indicators").WithTags("Quality").AllowAnonymous().RequirePublicRateLimit();
        g.MapGet("/", Get).WithName("GetQualityIndicators")
            .WithSummary("A service's quality indicators for a period (period=2026, 2026-Q2 or 2026-05; default the current year), with normative and target values from the yearly order");
        g.MapGet("/csv", Csv).WithName("DownloadQualityIndicators")
            .WithSummary("The same indicators as CSV");

        var statistics = app.MapGroup("/api/v1/services/{code}/statistics").WithTags("Quality").AllowAnonymous().RequirePublicRateLimit();
        statistics.MapGet("/", Statistics).WithName("GetOperationalStatistics")
            .WithSummary("Per month of the period: applications by status, median and p90 days to the result, suspensions, refusals by ground — aggregated, no personal data");

        var officers = app.MapGroup("/api/v1/quality/survey-results").WithTags("Quality").RequireOfficer(Policies.RecordDecisions);
        officers.MapPost("/", RecordSurvey).WithName("RecordSurveyResults")
            .WithSummary("Enter the results of a paper survey for indicator 2.1, 3.1, 4.1 or 5.1: respondents, satisfied, and the source");
    }

    public sealed record SurveyRequest(string? Service, string? Indicator, string? Period, int Respondents, int Satisfied, string? Source);

    public sealed record SurveyResponse(Guid Id, string Service, string Indicator, string Period, int Respondents, int Satisfied);

    static NotFoundProblem UnknownService(string code) => new("Service not found", $"No service '{code}'; see /api/v1/services.");

    static ValidationProblem BadPeriod() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["period"] = ["Period is a year (2026), a quarter (2026-Q2) or a month (2026-05)."] }, type: ProblemTypes.Validation);

    static bool TryPeriod(string? period, TimeProvider clock, out ReportingPeriod reporting) =>
        ReportingPeriod.TryParse(period ?? clock.GetLocalNow().Year.ToString(CultureInfo.InvariantCulture), out reporting);

    static async Task<Results<Ok<QualityReport.IndicatorsReport>, NotFoundProblem, ValidationProblem>> Get(string code, string? period, QualityReport report,
        TimeProvider clock, CancellationToken ct)
    {
        if (ServiceCatalogue.Find(code) is not { } service) return UnknownService(code);
        if (!TryPeriod(period, clock, out var reporting)) return BadPeriod();
        return TypedResults.Ok(await report.GetAsync(service, reporting, ct));
    }

    static async Task<Results<FileContentHttpResult, NotFoundProblem, ValidationProblem>> Csv(string code, string? period, QualityReport report,
        TimeProvider clock, CancellationToken ct)
    {
        if (ServiceCatalogue.Find(code) is not { } service) return UnknownService(code);
        if (!TryPeriod(period, clock, out var reporting)) return BadPeriod();
        var r = await report.GetAsync(service, reporting, ct);
        var csv = new StringBuilder("service,period,code,name_kk,name_ru,source,value_percent,cases,counted,normative,target,basis\n");
        foreach (var i in r.Indicators)
            csv.AppendJoin(',', [r.Service, r.Period, i.Code, Quote(i.Name.Kk), Quote(i.Name.Ru), i.Source.Slug(), Number(i.Value),
                Number(i.Cases), Number(i.Counted), Number(i.Normative), Number(i.Target), Quote(i.Basis)]).Append('\n');
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
            $"quality-{r.Service}-{r.Period}.csv");
    }

    static async Task<Results<Ok<OperationalStatistics.StatisticsReport>, NotFoundProblem, ValidationProblem>> Statistics(string code, string? period,
        OperationalStatistics statistics, TimeProvider clock, CancellationToken ct)
    {
        if (ServiceCatalogue.Find(code) is not { } service) return UnknownService(code);
        if (!TryPeriod(period, clock, out var reporting)) return BadPeriod();
        return TypedResults.Ok(await statistics.GetAsync(service, reporting, ct));
    }

    static string Quote(string s) => $"\"{s.Replace("\"", "\"\"")}\"";

    static string Number(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";

    static string Number(int? i) => i?.ToString(CultureInfo.InvariantCulture) ?? "";

    static readonly string[] SurveyIndicators = ["2.1", "3.1", "4.1", "5.1"];

    static async Task<Results<CreationResult<SurveyResponse>, ValidationProblem>> RecordSurvey(SurveyRequest request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var service = ServiceCatalogue.Find(request.Service);
        if (service is null) errors["service"] = [$"Service is one of {string.Join(", ", ServiceCatalogue.All.Select(s => s.Code))}."];
        if (request.Indicator is null || !SurveyIndicators.Contains(request.Indicator))
            errors["indicator"] = ["Survey results feed indicators 2.1, 3.1, 4.1 and 5.1; 1.1 and 3.2 are computed by the registry."];
        if (!ReportingPeriod.TryParse(request.Period, out var period)) errors["period"] = ["Period is a year (2026), a quarter (2026-Q2) or a month (2026-05)."];
        if (request.Respondents <= 0) errors["respondents"] = ["At least one respondent."];
        if (request.Satisfied < 0 || request.Satisfied > request.Respondents) errors["satisfied"] = ["Satisfied is between 0 and the number of respondents."];
        if (string.IsNullOrWhiteSpace(request.Source)) errors["source"] = ["Name the survey the figures come from."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return new CreationResult<SurveyResponse>(await Commands.RunAsync(dataSource, http.Command("quality.survey-results", request), async (conn, tx, actor) =>
        {
            var id = Guid.CreateVersion7();
            await SurveyResults.InsertAsync(conn, tx, id, service!.Code, request.Indicator!, period, request.Respondents, request.Satisfied, request.Source!.Trim(), actor, ct);
            return CommandOutcome.Success(201, new SurveyResponse(id, service.Code, request.Indicator!, period.Label, request.Respondents, request.Satisfied), id);
        }, ct));
    }
}
