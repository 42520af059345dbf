using Registry.Domain.Common;
using System.Net;
using System.Text.Json;
using Dapper;
using Registry.Api.Features.Admin;
using Registry.Api.Features.Applications;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Public;

namespace Registry.Api.Tests.Services;

public sealed class ServiceLifecycleTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    public static TheoryData<string, string, string> HappyPaths => new()
    {
        { "attestation", "legal-entity", "ATT-" },
        { "permit", "non-resident", "PRM-" },
        { "declaration", "individual", "DEC-" },
        { "accreditation", "legal-entity", "ACR-" },
        { "fire-equipment-conclusion", "individual", "FEC-" },
        { "standard-agreement", "legal-entity", "STA-" },
    };

    [Theory]
    [MemberData(nameof(HappyPaths))]
    public async Task Each_service_goes_from_submission_through_the_completeness_check_to_an_issued_public_document(string service, string applicant, string prefix)
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For(service, applicant));
        Assert.Equal("submitted", submitted.Status);
        Assert.NotNull(submitted.DeadlineOn);

        var checkedResponse = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/completeness-check", new CompletenessCheck.Request([], null), Guid.NewGuid().ToString());
        Assert.Equal("under-review", (await checkedResponse.ReadAsync<CompletenessCheck.Response>()).Status);

        var decided = await (await officer.DecideAsync(submitted.Id, "issue", ifMatch: "\"2\"")).ReadAsync<DecideApplication.Response>();
        Assert.StartsWith(prefix, decided.DocumentNumber);
        await app.WaitForProjectionsAsync();
        var verified = await app.Anonymous().GetJsonAsync<VerificationResult>($"/api/v1/verify/{decided.DocumentNumber}");
        Assert.True(verified!.Valid);
        Assert.Equal(service, verified.Kind.Slug());
        if (applicant == "individual") Assert.Equal("88********10", verified.Holder.Identifier);
    }

    [Fact]
    public async Task Every_accepted_application_gets_a_receipt_with_the_fields_the_decree_lists()
    {
        var submitted = await app.Officer().SubmitAsync(Scenario.For("attestation", submittedOn: new DateOnly(2026, 3, 20)));
        var r = submitted.Receipt;
        Assert.Matches(@"^RCP-\d{4}-\d{6}$", r.Number);
        Assert.Equal("attestation", r.Service);
        Assert.Equal(2, r.AttachedCount);
        Assert.Equal(["application", "expert-conclusion"], r.AttachedDocuments.Select(d => d.Code));
        Assert.Equal(new DateOnly(2026, 4, 15), r.ResultReadyOn); // 15 working days across Nauryz
        Assert.Equal("the Committee office", r.ResultCollectedAt);
        Assert.Equal("Test Officer", r.AcceptedBy);
        Assert.Equal("+77010000001", r.ApplicantPhone);
        Assert.Equal(new DateOnly(2026, 3, 27), submitted.CompletenessCheckDueOn);
    }

    [Fact]
    public async Task An_individual_may_not_apply_for_an_attestation()
    {
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", Scenario.For("attestation", "individual"), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not eligible", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fire_equipment_conclusions_are_not_served_on_the_portal()
    {
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", Scenario.For("fire-equipment-conclusion", channel: "portal"), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_centre_refuses_intake_when_a_document_is_missing_and_hands_over_a_receipt_listing_it()
    {
        var request = Scenario.For("declaration", channel: "centre") with { Documents = [new("application", "Заявление")] };
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", request, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("/intake-refused", problem.GetProperty("type").GetString());
        var missing = problem.GetProperty("receipt").GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        Assert.Equal(["declaration", "expert-conclusion"], missing);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from applications a join applicants p on p.id = a.applicant_id where p.name = @Name", request.Applicant));
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>("select count(*) from intake_refusals where applicant_name = @Name", request.Applicant));
    }

    [Fact]
    public async Task An_expired_expert_conclusion_refuses_the_application_at_the_completeness_check()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("permit", submittedOn: Today.AddDays(-1), expertiseDate: Today.AddMonths(-3).AddDays(-1)));
        var check = await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/completeness-check", new CompletenessCheck.Request([], null), Guid.NewGuid().ToString()))
            .ReadAsync<CompletenessCheck.Response>();
        Assert.Equal("refused", check.Status);
        Assert.Contains(check.RefusalReasons!, r => r.Contains("заключения экспертизы", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Неполнота представленных сведений")]
    [InlineData("Несоответствие организации требованиям промышленной безопасности")]
    public async Task A_refusal_on_either_ground_records_its_reasons_and_publishes_nothing(string reason)
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("attestation"));
        Assert.Equal(HttpStatusCode.OK, (await officer.DecideAsync(submitted.Id, "refuse", [reason])).StatusCode);
        var application = await officer.GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{submitted.Id}");
        Assert.Equal("refused", application!.Status);
        Assert.Equal([reason], application.RefusalReasons!);
        Assert.Null(application.DocumentNumber);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from documents where application_id = @Id", submitted));
    }

    [Fact]
    public async Task An_accreditation_refusal_states_its_due_date_five_working_days_after_the_protocol()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("accreditation", submittedOn: new DateOnly(2026, 3, 10)));
        var response = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/decision",
            new DecideApplication.Request("refuse", ["Работники без высшего образования в области пожарной безопасности"], new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 19)));
        Assert.Equal(new DateOnly(2026, 3, 31), (await response.ReadAsync<DecideApplication.Response>()).RefusalDueOn);
    }

    [Fact]
    public async Task Missing_documents_suspend_consideration_and_their_arrival_resumes_it_with_the_deadline_moved()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 11, 2)) with { Documents = [new("application", "Заявление")] });
        Assert.Equal(["expert-conclusion"], submitted.MissingDocuments);
        Assert.Equal(new DateOnly(2026, 11, 17), submitted.DeadlineOn);

        var suspended = await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/completeness-check",
            new CompletenessCheck.Request(["expert-conclusion"], new DateOnly(2026, 11, 4)), Guid.NewGuid().ToString())).ReadAsync<CompletenessCheck.Response>();
        Assert.Equal("suspended", suspended.Status);
        Assert.Null(suspended.DeadlineOn);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.DecideAsync(submitted.Id, "issue")).StatusCode);

        var resumed = await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/documents",
            new SupplyDocuments.Request(["expert-conclusion"], new DateOnly(2026, 11, 10)), Guid.NewGuid().ToString())).ReadAsync<SupplyDocuments.Response>();
        Assert.Equal("under-review", resumed.Status);
        Assert.Equal(new DateOnly(2026, 11, 24), resumed.DeadlineOn); // 4–10 November did not count
    }

    [Fact]
    public async Task An_application_left_unanswered_past_its_deadline_is_deemed_issued_by_the_sweep_the_day_after_the_deadline()
    {
        var officer = app.Officer();
        var overdue = await officer.SubmitAsync(Scenario.For("declaration", submittedOn: new DateOnly(2026, 3, 20)));
        var suspended = await officer.SubmitAsync(Scenario.For("declaration", submittedOn: new DateOnly(2026, 3, 20)));
        await officer.PostJsonAsync($"/api/v1/applications/{suspended.Id}/completeness-check", new CompletenessCheck.Request(["declaration"], new DateOnly(2026, 3, 21)));

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/v1/admin/deadlines/sweep", null)).StatusCode);
        var sweep = await (await app.Admin().PostAsync("/api/v1/admin/deadlines/sweep", null)).ReadAsync<DeadlineSweep.Result>();
        Assert.True(sweep.DeemedIssued >= 1);

        var deemed = await officer.GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{overdue.Id}");
        Assert.Equal("deemed-issued", deemed!.Status);
        Assert.Equal("suspended", (await officer.GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{suspended.Id}"))!.Status);
        await app.WaitForProjectionsAsync();
        var verified = await app.Anonymous().GetJsonAsync<VerificationResult>($"/api/v1/verify/{deemed.DocumentNumber}");
        Assert.True(verified!.Deemed);
        Assert.Equal(new DateOnly(2026, 4, 5), verified.IssuedOn);

        var again = await (await app.Admin().PostAsync("/api/v1/admin/deadlines/sweep", null)).ReadAsync<DeadlineSweep.Result>();
        Assert.DoesNotContain(deemed.DocumentNumber, again.Numbers);
    }

    [Fact]
    public async Task The_calendar_endpoint_shows_how_a_deadline_is_computed()
    {
        var body = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/calendar/deadline?service=attestation&submittedOn=2026-03-20")).RootElement;
        Assert.Equal("2026-04-15", body.GetProperty("due").GetString());
        var days = body.GetProperty("days").EnumerateArray().ToList();
        Assert.Contains(days, d => d.GetProperty("date").GetString() == "2026-03-24" && !d.GetProperty("counted").GetBoolean());
        Assert.Equal(15, days.Count(d => d.GetProperty("counted").GetBoolean()));
    }

    [Fact]
    public async Task The_service_catalogue_lists_six_free_services_in_kazakh_and_russian()
    {
        var services = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/services")).RootElement.EnumerateArray().ToList();
        Assert.Equal(6, services.Count);
        var permit = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/services/permit")).RootElement;
        Assert.Equal(["individual", "legal-entity", "non-resident"], permit.GetProperty("applicants").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Бесплатно", permit.GetProperty("fee").GetProperty("ru").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/services/unknown")).StatusCode);
    }
}
