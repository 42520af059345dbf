using System.Net;
using Dapper;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Quality;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Services;

/// <summary>The anonymous online survey: a one-time code with each result, one answer per code, answers feeding the
/// survey indicators beside paper results, and nothing that ties an answer to a code or an applicant.</summary>
public sealed class OnlineSurveyTests(QualityApp app) : IClassFixture<QualityApp>
{
    const string Service = "fire-equipment-conclusion";

    Task<HttpResponseMessage> AnswerAsync(string? code, Dictionary<string, bool> answers) =>
        app.Anonymous().PostJsonAsync("/api/v1/quality/survey", new OnlineSurvey.Request(code, answers));

    async Task<DecideApplication.Response> DecideAsync(string outcome, string service = Service, string? key = null)
    {
        var submitted = await app.Officer().SubmitAsync(Scenario.For(service));
        return await (await app.Officer().DecideAsync(submitted.Id, outcome, key: key ?? Guid.NewGuid().ToString())).ReadAsync<DecideApplication.Response>();
    }

    [Fact]
    public async Task A_code_on_each_result_answers_once_and_its_answers_count_in_the_month_beside_paper_results()
    {
        var issued = await DecideAsync("issue");
        var refused = await DecideAsync("refuse");
        Assert.Matches("^[A-Z2-9]{10}$", issued.SurveyCode!);
        Assert.NotNull(refused.SurveyCode);

        var first = await AnswerAsync(issued.SurveyCode, new() { ["2.1"] = true, ["5.1"] = false });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadAsStringAsync();
        Assert.DoesNotContain(issued.SurveyCode!, body);
        Assert.Contains(Service, body);

        var again = await AnswerAsync(issued.SurveyCode!.ToLowerInvariant(), new() { ["2.1"] = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await AnswerAsync("AAAAAAAAAA", new() { ["2.1"] = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(refused.SurveyCode, new() { ["1.1"] = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(refused.SurveyCode, [])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AnswerAsync(refused.SurveyCode, new() { ["2.1"] = false })).StatusCode);

        var month = DateTime.Now.ToString("yyyy-MM");
        var entry = new QualityModule.SurveyRequest(Service, "2.1", month, 8, 6, "Қағаз сауалнама");
        (await app.Officer().PostJsonAsync("/api/v1/quality/survey-results", entry, Guid.NewGuid().ToString())).EnsureSuccessStatusCode();
        var report = await app.Anonymous().GetJsonAsync<QualityReport.IndicatorsReport>($"/api/v1/services/{Service}/quality-indicators?period={month}");
        var satisfaction = report!.Indicators.Single(i => i.Code == "2.1");
        Assert.Equal((10, 7, 70.0m), (satisfaction.Cases!.Value, satisfaction.Counted!.Value, satisfaction.Value!.Value)); // 6 of 8 on paper + 1 of 2 online
        Assert.Contains(QualityReport.OnlineSource, satisfaction.Basis);
        Assert.Contains("Қағаз сауалнама", satisfaction.Basis);
        Assert.Equal(0m, report.Indicators.Single(i => i.Code == "5.1").Value);
        Assert.Null(report.Indicators.Single(i => i.Code == "3.1").Value);
    }

    [Fact]
    public async Task Nothing_stored_ties_an_answer_to_its_code_or_applicant_and_the_plain_code_is_nowhere()
    {
        // Another service than the test above, so its answer does not count there.
        var decided = await DecideAsync("issue", "standard-agreement", Guid.NewGuid().ToString());
        (await AnswerAsync(decided.SurveyCode, new() { ["3.1"] = true })).EnsureSuccessStatusCode();

        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(["code_hash", "issued_month", "service", "used"], await Columns(conn, "survey_codes"));
        Assert.Equal(["id", "indicator", "month", "satisfied", "service"], await Columns(conn, "survey_answers"));
        var tables = (await conn.QueryAsync<string>("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
            + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")).ToList();
        foreach (var table in tables)
            Assert.True(0 == await conn.ExecuteScalarAsync<long>($"select count(*) from {table} t where t::text like '%' || @code || '%'", new { code = decided.SurveyCode }),
                $"{table} holds the survey code");
    }

    static async Task<List<string>> Columns(Npgsql.NpgsqlConnection conn, string table) =>
        [.. await conn.QueryAsync<string>("select column_name from information_schema.columns where table_name = @table order by column_name", new { table })];
}
