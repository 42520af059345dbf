using System.Net;
using System.Text.Json;
using Dapper;
using Registry.Api.Features.Complaints;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.WriteModel;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Tests.Complaints;

/// <summary>Answer terms unlike the shipped placeholders, to show they come from configuration.</summary>
public sealed class ComplaintsApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Complaints:AnswerTerms:ministry-leadership:Days"] = "10",
        ["Complaints:AnswerTerms:ministry-leadership:Unit"] = "working-days",
        ["Complaints:AnswerTerms:ministry-leadership:Source"] = "test: ministry term",
        ["Complaints:AnswerTerms:committee-chair:Days"] = "7",
        ["Complaints:AnswerTerms:committee-chair:Unit"] = "calendar-days",
        ["Complaints:AnswerTerms:committee-chair:Source"] = "test: chair term",
    };
}

public sealed class ComplaintsApiTests(ComplaintsApp app) : IClassFixture<ComplaintsApp>
{
    const string Applicant = "Бекова Асқар Серікұлы";
    const string Address = "010000, Астана, Мәңгілік Ел 8, 12-пәтер";
    const string Official = "Омаров Нұрлан";
    const string Reasons = "Аттестаттан негізсіз бас тартылды";

    static RegisterComplaint.Request Complaint(string subject = "result-disagreement", DateTimeOffset? receivedAt = null, string? service = "attestation",
        string? documentNumber = null) => new(
        service, null, documentNumber, subject, "by-hand", receivedAt, Applicant, Address,
        DateOnly.FromDateTime((receivedAt ?? DateTimeOffset.Now).Date), true, "Бас маман", Official, Reasons, "Шешімді қайта қарау", "8 (7172) 74-98-22");

    async Task<RegisterComplaint.Response> RegisterAsync(RegisterComplaint.Request request, string? key = null) =>
        await (await app.Officer().PostJsonAsync("/api/v1/complaints", request, key ?? Guid.NewGuid().ToString())).ReadAsync<RegisterComplaint.Response>();

    Task<HttpResponseMessage> LookUpAsync(string number, string? code) =>
        app.Anonymous().PostJsonAsync("/api/v1/complaint-status", new ComplaintStatusLookup.Request(number, code));

    [Fact]
    public async Task A_complaint_goes_from_intake_and_talon_through_review_to_a_posted_answer_and_its_holder_follows_it_by_code()
    {
        var registered = await RegisterAsync(Complaint());
        var talon = registered.Talon;
        Assert.Equal(ComplaintStatus.Registered, registered.Status);
        Assert.Matches(@"^CMP-\d{4}-\d{6}$", talon.Number);
        Assert.Equal("Test Officer", talon.AcceptedBy);
        Assert.Equal("8 (7172) 74-98-22", talon.AcceptorContact);
        Assert.Equal(ComplaintAddressee.MinistryLeadership, talon.Addressee.Code);
        Assert.Equal("8 (7172) 60-21-33", talon.Addressee.Phone); // l. 320
        Assert.Equal("10 working-days", talon.Answer.Term);
        Assert.Equal("test: ministry term", talon.Answer.TermSource);
        Assert.Contains(Address, talon.Answer.Place.Ru);
        Assert.Equal(AccessCodes.Length, talon.AccessCode!.Length);

        var status = await (await LookUpAsync(talon.Number, talon.AccessCode)).ReadAsync<ComplaintStatusLookup.Response>();
        Assert.Equal(ComplaintStatus.Registered, status.Status);
        Assert.Equal("тіркеу", status.StatusLabel.Kk);
        Assert.Equal(talon.Answer.DueOn, status.AnswerDueOn);
        Assert.Equal([ComplaintStatus.Delivered, ComplaintStatus.Registered], status.History.Select(h => h.Status));

        var officer = app.Officer();
        Assert.Equal(ComplaintStatus.InProgress, (await (await officer.PostJsonAsync($"/api/v1/complaints/{registered.Id}/review", new { })).ReadAsync<ReviewComplaint.Response>()).Status);
        var answered = await (await officer.PostJsonAsync($"/api/v1/complaints/{registered.Id}/answer",
            new ReviewComplaint.ComplaintAnswerRequest("Шешім өзгеріссіз қалды", null, "Вице-министр", null, "RR123456789KZ"))).ReadAsync<ReviewComplaint.Response>();
        Assert.Equal(ComplaintStatus.Answered, answered.Status);
        Assert.Equal(3, answered.Version);

        var after = await (await LookUpAsync(talon.Number.ToLowerInvariant(), talon.AccessCode!.ToLowerInvariant())).ReadAsync<ComplaintStatusLookup.Response>();
        Assert.Equal(ComplaintStatus.Answered, after.Status);
        Assert.Equal("қарау", after.StatusLabel.Kk);
        Assert.Equal(DateOnly.FromDateTime(DateTime.Today), after.AnswerPostedOn);
        Assert.Equal([ComplaintStatus.Delivered, ComplaintStatus.Registered, ComplaintStatus.InProgress, ComplaintStatus.Answered], after.History.Select(h => h.Status));

        var full = await app.Officer().GetJsonAsync<GetComplaint.Response>($"/api/v1/complaints/{registered.Id}");
        Assert.Equal("Вице-министр", full!.Answer!.SignatoryRole);
        Assert.Equal("RR123456789KZ", full.Answer.TrackingNumber);
        Assert.Equal(4, full.History.Count);

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var events = (await conn.QueryAsync<string>("select payload::text from outbox where aggregate_id = @id order by position", new { id = registered.Id })).ToList();
        Assert.Equal(3, events.Count);
        Assert.DoesNotContain(events, e => e.Contains(Applicant) || e.Contains(Address) || e.Contains(Official));
    }

    [Fact]
    public async Task The_public_status_shows_no_personal_data_and_answers_a_wrong_code_as_an_unknown_number()
    {
        var talon = (await RegisterAsync(Complaint("improper-service"))).Talon;
        var body = await (await LookUpAsync(talon.Number, talon.AccessCode)).Content.ReadAsStringAsync();
        foreach (var secret in new[] { Applicant, Address, Official, Reasons, "Бас маман", "Test Officer", "74-98-22", talon.AccessCode! })
            Assert.DoesNotContain(secret, body);

        var wrongCode = await LookUpAsync(talon.Number, "AAAAAAAAAA");
        var unknown = await LookUpAsync("CMP-1999-999999", talon.AccessCode!);
        Assert.Equal(HttpStatusCode.NotFound, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        static string WithoutInstance(string json)
        {
            var problem = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
            problem.Remove("traceId");
            return JsonSerializer.Serialize(problem);
        }
        Assert.Equal(WithoutInstance(await wrongCode.Content.ReadAsStringAsync()), WithoutInstance(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Only_officers_take_in_complaints_and_move_them_while_anyone_may_look_up_a_status()
    {
        var registered = await RegisterAsync(Complaint());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/complaints", Complaint())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Auditor().PostJsonAsync("/api/v1/complaints", Complaint())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync($"/api/v1/complaints/{registered.Id}/review", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/complaints/{registered.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/complaints/overdue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LookUpAsync(registered.Talon.Number, registered.Talon.AccessCode!)).StatusCode);
    }

    [Fact]
    public async Task A_complaint_missing_what_para_24_requires_is_refused_naming_each_field()
    {
        var response = await app.Officer().PostJsonAsync("/api/v1/complaints",
            Complaint() with { ApplicantFullName = " ", PostalAddress = null, Signed = false, OfficialName = null, Demands = "", Subject = "court" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "applicantFullName", "postalAddress", "signed", "officialName", "demands", "subject" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from complaints where postal_address is null or applicant_full_name = ' '"));
    }

    [Fact]
    public async Task The_answer_term_is_the_addressees_configured_term_on_the_production_calendar()
    {
        // Received Friday 20 March 2026; 21–25 March are Nauryz and its moved days off.
        var receivedAt = new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(5));
        var toMinistry = (await RegisterAsync(Complaint(receivedAt: receivedAt))).Talon;
        Assert.Equal(new DateOnly(2026, 4, 8), toMinistry.Answer.DueOn); // 10 working days: 26, 27, 30, 31 March, 1–3, 6–8 April
        var toChair = (await RegisterAsync(Complaint("improper-service", receivedAt: receivedAt))).Talon;
        Assert.Equal(ComplaintAddressee.CommitteeChair, toChair.Addressee.Code);
        Assert.Equal(new DateOnly(2026, 3, 27), toChair.Answer.DueOn); // 7 calendar days
        Assert.Equal("7 calendar-days", toChair.Answer.Term);
    }

    [Fact]
    public async Task Open_complaints_past_their_answer_day_are_listed_for_officers_and_answered_ones_are_not()
    {
        var longAgo = new DateTimeOffset(2026, 1, 12, 10, 0, 0, TimeSpan.FromHours(5));
        var open = await RegisterAsync(Complaint(receivedAt: longAgo));
        var answered = await RegisterAsync(Complaint(receivedAt: longAgo));
        var officer = app.Officer();
        await officer.PostJsonAsync($"/api/v1/complaints/{answered.Id}/review", new { });
        (await officer.PostJsonAsync($"/api/v1/complaints/{answered.Id}/answer", new ReviewComplaint.ComplaintAnswerRequest("Жауап", null, "Вице-министр", null, null))).EnsureSuccessStatusCode();

        var overdue = await officer.GetJsonAsync<OverdueComplaints.Response>("/api/v1/complaints/overdue");
        Assert.Contains(overdue!.Overdue, c => c.Id == open.Id && c.Status == "registered" && c.AnswerDueOn == open.Talon.Answer.DueOn);
        Assert.DoesNotContain(overdue.Overdue, c => c.Id == answered.Id);
        Assert.True((await officer.GetJsonAsync<GetComplaint.Response>($"/api/v1/complaints/{open.Id}"))!.Overdue);

        var before = await officer.GetJsonAsync<OverdueComplaints.Response>($"/api/v1/complaints/overdue?asOf={open.Talon.Answer.DueOn:yyyy-MM-dd}");
        Assert.DoesNotContain(before!.Overdue, c => c.Id == open.Id); // its last day is still in time
    }

    [Fact]
    public async Task A_complaint_cannot_be_answered_before_its_review_starts_nor_changed_once_refused()
    {
        var officer = app.Officer();
        var registered = await RegisterAsync(Complaint());
        var early = await officer.PostJsonAsync($"/api/v1/complaints/{registered.Id}/answer", new ReviewComplaint.ComplaintAnswerRequest("Жауап", null, "Вице-министр", null, null));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        (await officer.PostJsonAsync($"/api/v1/complaints/{registered.Id}/review-refusal", new ReviewComplaint.ComplaintRefusalRequest("Қайталанған шағым"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/v1/complaints/{registered.Id}/review", new { })).StatusCode);
        var status = await (await LookUpAsync(registered.Talon.Number, registered.Talon.AccessCode!)).Content.ReadAsStringAsync();
        Assert.Contains("review-refused", status);
        Assert.DoesNotContain("Қайталанған", status); // the reason stays internal
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostJsonAsync($"/api/v1/complaints/{Guid.NewGuid()}/review", new { })).StatusCode);
    }

    [Fact]
    public async Task A_retried_intake_returns_the_same_talon_without_its_code_and_registers_once()
    {
        var key = Guid.NewGuid().ToString();
        var first = await RegisterAsync(Complaint(), key);
        var retry = await RegisterAsync(Complaint(), key);
        Assert.Equal(first.Talon.Number, retry.Talon.Number);
        Assert.Equal(first.Talon.Answer, retry.Talon.Answer);
        Assert.NotNull(first.Talon.AccessCode);
        Assert.Null(retry.Talon.AccessCode); // shown once: only its hash is kept
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from complaints where talon_number = @n", new { n = first.Talon.Number }));
    }

    [Fact]
    public async Task The_plain_access_code_is_stored_nowhere_in_the_database()
    {
        var registered = await RegisterAsync(Complaint(), Guid.NewGuid().ToString());
        var reprinted = await (await app.Officer().PostJsonAsync($"/api/v1/complaints/{registered.Id}/talon", new { }, Guid.NewGuid().ToString()))
            .ReadAsync<RegisterComplaint.Response>();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var tables = (await conn.QueryAsync<string>("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
            + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")).ToList();
        Assert.Contains("public.idempotency_keys", tables);
        foreach (var code in new[] { registered.Talon.AccessCode!, reprinted.Talon.AccessCode! })
            foreach (var table in tables)
                Assert.True(0 == await conn.ExecuteScalarAsync<long>($"select count(*) from {table} t where t::text like '%' || @code || '%'", new { code }),
                    $"{table} holds the access code {code}");
    }

    [Fact]
    public async Task A_reprinted_talon_keeps_its_number_and_term_and_gets_a_new_code_that_replaces_the_old_one()
    {
        var registered = await RegisterAsync(Complaint("improper-service"));
        var path = $"/api/v1/complaints/{registered.Id}/talon";
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync(path, new { })).StatusCode);
        var reprint = await app.Officer().PostJsonAsync(path, new { }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, reprint.StatusCode);
        var talon = (await reprint.ReadAsync<RegisterComplaint.Response>()).Talon;
        Assert.Equal((registered.Talon.Number, registered.Talon.Answer, registered.Talon.Addressee, registered.Talon.AcceptedBy, registered.Talon.AcceptorContact),
            (talon.Number, talon.Answer, talon.Addressee, talon.AcceptedBy, talon.AcceptorContact));
        Assert.Equal(registered.Talon.RegisteredAt, talon.RegisteredAt, TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(registered.Talon.AccessCode, talon.AccessCode);

        Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsync(talon.Number, registered.Talon.AccessCode!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LookUpAsync(talon.Number, talon.AccessCode!)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Officer().PostJsonAsync($"/api/v1/complaints/{Guid.NewGuid()}/talon", new { })).StatusCode);
    }

    [Fact]
    public async Task A_complaint_about_a_document_takes_its_service_from_the_document()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit"));
        var registered = await RegisterAsync(Complaint(service: null, documentNumber: number));
        Assert.Equal("permit", registered.Talon.Service);
        var unknown = await app.Officer().PostJsonAsync("/api/v1/complaints", Complaint(service: null, documentNumber: "PRM-1999-000001"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var mismatch = await app.Officer().PostJsonAsync("/api/v1/complaints", Complaint(service: "attestation", documentNumber: number));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
    }
}
