using System.Net;
using Dapper;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Quality;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Services;

/// <summary>No background sweep: the test decides when silence turns into a deemed result.</summary>
public sealed class QualityApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DeadlineSweep:Enabled"] = "false",
        ["QualityIndicators:CacheSeconds"] = "3600",
        ["QualityIndicators:Targets:2026:1.1:Normative"] = "95",
        ["QualityIndicators:Targets:2026:1.1:Target"] = "97",
    };
}

public sealed class QualityIndicatorsTests(QualityApp app) : IClassFixture<QualityApp>
{
    static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    static QualityReport.QualityIndicatorValue Indicator(QualityReport.IndicatorsReport report, string code) => report.Indicators.Single(i => i.Code == code);

    [Fact]
    public async Task Indicator_one_one_on_a_crafted_set_of_permits_equals_the_hand_computed_share()
    {
        // Permits: 15 calendar days from submission (l. 2331). All submitted Monday 4 May 2026 → due 19 May.
        var officer = app.Officer();
        var onTime = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-05-04")));
        var late = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-05-04")));
        var deemed = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-05-04")));
        var suspended = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-05-04")));
        var june = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-06-01")));
        Assert.Equal(D("2026-05-19"), onTime.DeadlineOn);

        (await officer.DecideAsync(onTime.Id, "issue", decidedOn: D("2026-05-15"))).EnsureSuccessStatusCode(); // on time
        (await officer.DecideAsync(late.Id, "refuse", decidedOn: D("2026-05-25"))).EnsureSuccessStatusCode(); // 6 days late

        // Suspended: notice on 5 May, documents in on 12 May → 8 days not counted, due 27 May; issued 25 May is on time.
        var missing = Scenario.For("permit").Documents!.First().Code;
        (await officer.PostJsonAsync($"/api/v1/applications/{suspended.Id}/completeness-check",
            new CompletenessCheck.Request([missing], D("2026-05-05"), D("2026-05-05")), Guid.NewGuid().ToString())).EnsureSuccessStatusCode();
        (await officer.PostJsonAsync($"/api/v1/applications/{suspended.Id}/documents",
            new SupplyDocuments.Request([missing], D("2026-05-12")), Guid.NewGuid().ToString())).EnsureSuccessStatusCode();
        var resumed = await officer.GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{suspended.Id}");
        Assert.Equal(D("2026-05-27"), resumed!.DeadlineOn);
        (await officer.DecideAsync(suspended.Id, "issue", decidedOn: D("2026-05-25"))).EnsureSuccessStatusCode();

        (await officer.DecideAsync(june.Id, "issue", decidedOn: D("2026-06-05"))).EnsureSuccessStatusCode(); // on time, but in June
        (await app.Admin().PostAsync("/api/v1/admin/deadlines/sweep", null)).EnsureSuccessStatusCode(); // deemed issued on 20 May: late

        var may = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>("/api/v1/services/permit/quality-indicators?period=2026-05");
        var timeliness = Indicator(may!, "1.1");
        Assert.Equal((4, 2, 50.0m), (timeliness.Cases!.Value, timeliness.Counted!.Value, timeliness.Value!.Value)); // on time + suspended of 4
        Assert.Equal((95m, 97m), (timeliness.Normative!.Value, timeliness.Target!.Value));

        var quarter = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>("/api/v1/services/permit/quality-indicators?period=2026-Q2");
        Assert.Equal((5, 3, 60.0m), (Indicator(quarter!, "1.1").Cases!.Value, Indicator(quarter!, "1.1").Counted!.Value, Indicator(quarter!, "1.1").Value!.Value));
    }

    [Fact]
    public async Task Survey_indicators_come_from_entered_results_with_their_source_and_the_rest_stay_blank()
    {
        var entry = new QualityModule.SurveyRequest("declaration", "5.1", "2026-03", 40, 30, "Қағаз сауалнама, Астана, наурыз 2026");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/quality/survey-results", entry)).StatusCode);
        (await app.Officer().PostJsonAsync("/api/v1/quality/survey-results", entry, Guid.NewGuid().ToString())).EnsureSuccessStatusCode();
        var bad = await app.Officer().PostJsonAsync("/api/v1/quality/survey-results", entry with { Indicator = "1.1", Satisfied = 50 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var year = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>("/api/v1/services/declaration/quality-indicators?period=2026");
        Assert.Equal(75.0m, Indicator(year!, "5.1").Value);
        Assert.Contains("Қағаз сауалнама", Indicator(year!, "5.1").Basis);
        Assert.Null(Indicator(year!, "2.1").Value);
        Assert.Equal(100m, Indicator(year!, "3.2").Value);
        Assert.Null(Indicator(year!, "1.1").Value); // no declaration decided in 2026 here: no value, not 0 %
        Assert.Equal(["1.1", "2.1", "3.1", "3.2", "4.1", "5.1"], year!.Indicators.Select(i => i.Code));
    }

    [Fact]
    public async Task A_computed_report_is_served_from_memory_until_it_expires()
    {
        var first = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>("/api/v1/services/standard-agreement/quality-indicators?period=2026-07");
        var submitted = await app.Officer().SubmitAsync(Scenario.For("standard-agreement", submittedOn: D("2026-07-01")));
        (await app.Officer().DecideAsync(submitted.Id, "issue", decidedOn: D("2026-07-03"))).EnsureSuccessStatusCode();
        var again = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>("/api/v1/services/standard-agreement/quality-indicators?period=2026-07");
        Assert.Equal(first!.ComputedAt, again!.ComputedAt);
        Assert.Equal(0, Indicator(again, "1.1").Cases); // the decision recorded meanwhile shows when the report expires
        var other = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>("/api/v1/services/standard-agreement/quality-indicators?period=2026-Q3");
        Assert.Equal(1, Indicator(other!, "1.1").Cases);
    }

    [Fact]
    public async Task The_indicators_download_as_csv_and_bad_requests_are_named()
    {
        var csv = await app.Anonymous().GetAsync("/api/v1/services/attestation/quality-indicators/csv?period=2026");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Trim().Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("attestation,2026,1.1,", lines[1]);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/api/v1/services/attestation/quality-indicators?period=2026-Q9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/services/nothing/quality-indicators")).StatusCode);
    }

    [Fact]
    public async Task Operational_statistics_aggregate_a_month_without_personal_data()
    {
        // Permits submitted Monday 3 August 2026: one issued after 7 days, one refused after 17, one suspended and waiting.
        var officer = app.Officer();
        var issued = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-08-03"), name: "ТОО «Статистика Бір»"));
        var refused = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-08-03")));
        var suspended = await officer.SubmitAsync(Scenario.For("permit", submittedOn: D("2026-08-03")));
        (await officer.DecideAsync(issued.Id, "issue", decidedOn: D("2026-08-10"))).EnsureSuccessStatusCode();
        (await officer.DecideAsync(refused.Id, "refuse", decidedOn: D("2026-08-20"))).EnsureSuccessStatusCode();
        var missing = Scenario.For("permit").Documents!.First().Code;
        (await officer.PostJsonAsync($"/api/v1/applications/{suspended.Id}/completeness-check",
            new CompletenessCheck.Request([missing], D("2026-08-04"), D("2026-08-04")), Guid.NewGuid().ToString())).EnsureSuccessStatusCode();

        var response = await app.Anonymous().GetAsync("/api/v1/services/permit/statistics?period=2026-08");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Статистика", body);
        var august = (await response.ReadAsync<OperationalStatistics.StatisticsReport>()).Months.Single();
        Assert.Equal("2026-08", august.Period);
        Assert.Equal(new Dictionary<string, int> { ["issued"] = 1, ["refused"] = 1, ["suspended"] = 1 }, august.SubmittedByStatus);
        Assert.Equal((2, 12.0, 16.0), (august.Decided, august.MedianDays!.Value, august.P90Days!.Value)); // 7 and 17 days
        Assert.Equal(1, august.Suspensions);
        Assert.Equal(new Dictionary<string, int> { ["incomplete-information"] = 1 }, august.RefusalsByGround);
        var quarter = await app.Anonymous().GetJsonAsync<OperationalStatistics.StatisticsReport>("/api/v1/services/permit/statistics?period=2026-Q3");
        Assert.Equal(["2026-07", "2026-08", "2026-09"], quarter!.Months.Select(m => m.Period));
    }
}
