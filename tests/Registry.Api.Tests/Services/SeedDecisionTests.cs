using System.Net;
using System.Text.Json;
using Dapper;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Applications;
using Registry.Projections.Public;

namespace Registry.Api.Tests.Services;

/// <summary>Refusals on the service's grounds and their reasoned notice, the accreditation protocol term, how results,
/// notices and duplicates reach applicants, a Centre's month of storage, and electronic requests not accepted.</summary>
public sealed class SeedDecisionTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    static string Key() => Guid.NewGuid().ToString();

    async Task<int> Version(Guid id) => (await app.Officer().GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{id}"))!.Version;

    [Fact]
    public async Task A_refusal_produces_a_reasoned_notice_with_the_seed_s_grounds_the_signatory_s_role_and_how_to_complain()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("attestation", channel: "centre"));
        var decided = await (await officer.DecideAsync(submitted.Id, "refuse", ["incomplete-information", "industrial-safety-requirements-not-met"]))
            .ReadAsync<DecideApplication.Response>();
        var notice = decided.RefusalNotice!;
        Assert.Matches(@"^RFN-\d{4}-\d{6}$", notice.Number);
        Assert.Equal(Today, notice.IssuedOn);
        Assert.Equal("attestation", notice.Service);
        Assert.Equal("Ұйымдарды өнеркәсіптік қауіпсіздік саласында жұмыстар жүргізу құқығына аттестаттау", notice.ServiceName.Kk);
        Assert.Equal(["Мемлекеттік қызметті алушы мәліметтерді толық ұсынбаған", "ұйым өнеркәсіптік қауіпсіздік талаптарына сәйкес келмеген"],
            notice.Grounds.Select(g => g.Text.Kk)); // l. 278
        Assert.All(notice.Grounds, g => Assert.Equal([278], g.Seed.Lines));
        Assert.Equal(Scenario.SignatoryRole, notice.SignatoryRole);
        Assert.Equal(4, notice.HowToComplain.Count);
        Assert.Contains("ЭЦҚ", notice.Medium.Kk, StringComparison.Ordinal);

        var stored = await officer.GetJsonAsync<GetRefusalNotice.Response>($"/api/v1/applications/{submitted.Id}/refusal-notice");
        Assert.Equal(notice.Number, stored!.Notice.Number);
        Assert.Empty(stored.Deliveries);

        // Services 1–3 have no postal delivery: the notice goes out at the Centre's window.
        var post = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/handovers", new RecordHandover.Request("refusal-notice", "post", null, "applicant", null),
            Key(), $"\"{await Version(submitted.Id)}\"");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        var window = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/handovers",
            new RecordHandover.Request("refusal-notice", "centre-window", Today, "representative", null), Key(), $"\"{await Version(submitted.Id)}\"");
        Assert.Equal(HttpStatusCode.OK, window.StatusCode);
        var delivered = await officer.GetJsonAsync<GetRefusalNotice.Response>($"/api/v1/applications/{submitted.Id}/refusal-notice");
        Assert.Equal(("centre-window", "representative"), (delivered!.Deliveries.Single().Method, delivered.Deliveries.Single().Recipient));
    }

    [Fact]
    public async Task A_refusal_names_only_grounds_of_its_service_with_an_explanation()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("permit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.DecideAsync(submitted.Id, "refuse", ["expired-expert-conclusion"])).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.DecideAsync(submitted.Id, "refuse", ["fewer-than-three-qualified-specialists"])).StatusCode);
        var noExplanation = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/decision",
            new DecideApplication.Request("refuse", ["incomplete-information"], " ", Scenario.SignatoryRole), Key());
        Assert.Equal(HttpStatusCode.BadRequest, noExplanation.StatusCode);
        Assert.Equal("submitted", (await officer.GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{submitted.Id}"))!.Status);
    }

    [Fact]
    public async Task A_suspended_application_can_be_refused_for_incomplete_information_only()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("declaration") with { Documents = [new("application", "Өтініш")] });
        await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/completeness-check",
            new CompletenessCheck.Request(["declaration", "expert-conclusion"], null), Key())).ReadAsync<CompletenessCheck.Response>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.DecideAsync(submitted.Id, "refuse", ["industrial-safety-requirements-not-met"])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.DecideAsync(submitted.Id, "issue")).StatusCode);
        var refused = await (await officer.DecideAsync(submitted.Id, "refuse", ["incomplete-information"])).ReadAsync<DecideApplication.Response>();
        Assert.Equal("incomplete-information", refused.RefusalNotice!.Grounds.Single().Code);
    }

    [Fact]
    public async Task Services_four_to_six_suspend_from_the_day_the_applicant_received_the_notice()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("standard-agreement", submittedOn: Today.AddDays(-5)) with { Documents = [new("application", "Өтініш")] });
        var withoutDate = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/completeness-check",
            new CompletenessCheck.Request(["standard-drafts"], Today.AddDays(-4)), Key());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutDate.StatusCode); // l. 11002: «хабарлама алған сәттен»
        Assert.Equal("suspended", (await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/completeness-check",
            new CompletenessCheck.Request(["standard-drafts"], Today.AddDays(-4), Today.AddDays(-2)), Key())).ReadAsync<CompletenessCheck.Response>()).Status);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(Today.AddDays(-2), await conn.ExecuteScalarAsync<DateOnly>("select suspended_on from application_suspensions where application_id = @Id", submitted));
    }

    [Fact]
    public async Task Accreditation_keeps_the_protocol_date_and_shows_refusals_overdue_after_five_working_days()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("accreditation", submittedOn: new DateOnly(2026, 3, 2)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.DecideAsync(submitted.Id, "refuse", ["incomplete-information"])).StatusCode); // no protocol yet

        var protocol = await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/protocol-decision",
            new RecordProtocolDecision.Request(new DateOnly(2026, 3, 19)), Key(), "\"1\"")).ReadAsync<RecordProtocolDecision.Response>();
        Assert.Equal(new DateOnly(2026, 3, 31), protocol.RefusalDueOn); // l. 6759, Nauryz skipped

        var before = await officer.GetJsonAsync<OverdueList.Response>("/api/v1/applications/overdue?asOf=2026-03-31");
        Assert.DoesNotContain(before!.RefusalsOverdue, r => r.Id == submitted.Id);
        var after = await officer.GetJsonAsync<OverdueList.Response>("/api/v1/applications/overdue?asOf=2026-04-01");
        Assert.Equal(new DateOnly(2026, 3, 31), after!.RefusalsOverdue.Single(r => r.Id == submitted.Id).RefusalDueOn);

        var late = await (await officer.DecideAsync(submitted.Id, "refuse", ["incomplete-information"], decidedOn: new DateOnly(2026, 4, 2)))
            .ReadAsync<DecideApplication.Response>();
        Assert.True(late.RefusalNotice!.Late);
        Assert.Equal(new DateOnly(2026, 3, 19), late.RefusalNotice.ProtocolDecidedOn);
        var afterwards = await officer.GetJsonAsync<OverdueList.Response>("/api/v1/applications/overdue?asOf=2026-04-03");
        Assert.DoesNotContain(afterwards!.RefusalsOverdue, r => r.Id == submitted.Id);

        var permit = await officer.SubmitAsync(Scenario.For("permit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync($"/api/v1/applications/{permit.Id}/protocol-decision",
            new RecordProtocolDecision.Request(Today), Key(), "\"1\"")).StatusCode);
    }

    [Fact]
    public async Task A_staff_list_with_fewer_than_three_qualified_specialists_cannot_be_issued_an_accreditation()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("accreditation"));
        Specialist qualified = new(true, false, 0, true), unqualified = new(false, true, 3, true);
        var issue = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/decision",
            new DecideApplication.Request("issue", Specialists: [qualified, qualified, unqualified]), Key());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, issue.StatusCode);
        var issued = await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/decision",
            new DecideApplication.Request("issue", Specialists: [qualified, qualified, qualified]), Key());
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
    }

    [Fact]
    public async Task A_result_goes_by_post_for_services_four_to_six_and_waits_a_month_at_the_centre_before_it_is_sent_on()
    {
        var officer = app.Officer();
        var posted = await officer.SubmitAsync(Scenario.For("fire-equipment-conclusion", submittedOn: Today.AddDays(-60)));
        await (await officer.DecideAsync(posted.Id, "issue", decidedOn: Today.AddDays(-50))).ReadAsync<DecideApplication.Response>();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/v1/applications/{posted.Id}/handovers",
            new RecordHandover.Request("result", "post", Today.AddDays(-49), "applicant", "RR123456789KZ"), Key(), "\"2\"")).StatusCode); // l. 8958
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync($"/api/v1/applications/{posted.Id}/handovers",
            new RecordHandover.Request("paper-copy", "in-person", null, null, null), Key(), "\"3\"")).StatusCode); // #5's result is paper already

        var atCentre = await officer.SubmitAsync(Scenario.For("fire-equipment-conclusion", channel: "centre", submittedOn: Today.AddDays(-60)));
        await (await officer.DecideAsync(atCentre.Id, "issue", decidedOn: Today.AddDays(-50))).ReadAsync<DecideApplication.Response>();
        var stored = await (await officer.PostJsonAsync($"/api/v1/applications/{atCentre.Id}/centre-storage",
            new RecordCentreStorage.Request("received", Today.AddDays(-45)), Key(), "\"2\"")).ReadAsync<RecordCentreStorage.Response>();
        Assert.Equal(Today.AddDays(-45).AddMonths(1), stored.LastDay);
        Assert.Equal("уәкілетті органға", stored.SentTo.Kk); // l. 8962
        Assert.Contains((await officer.GetJsonAsync<OverdueList.Response>("/api/v1/applications/overdue"))!.StoredPastTheirMonth, s => s.Id == atCentre.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync($"/api/v1/applications/{atCentre.Id}/centre-storage",
            new RecordCentreStorage.Request("sent-on", stored.LastDay), Key(), "\"3\"")).StatusCode);
        var sent = await (await officer.PostJsonAsync($"/api/v1/applications/{atCentre.Id}/centre-storage",
            new RecordCentreStorage.Request("sent-on", stored.LastDay.AddDays(1)), Key(), "\"3\"")).ReadAsync<RecordCentreStorage.Response>();
        Assert.Equal(stored.LastDay.AddDays(1), sent.SentOnDate);
        Assert.DoesNotContain((await officer.GetJsonAsync<OverdueList.Response>("/api/v1/applications/overdue"))!.StoredPastTheirMonth, s => s.Id == atCentre.Id);

        var attestation = await officer.SubmitAsync(Scenario.For("attestation", channel: "centre"));
        await (await officer.DecideAsync(attestation.Id, "issue")).ReadAsync<DecideApplication.Response>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync($"/api/v1/applications/{attestation.Id}/centre-storage",
            new RecordCentreStorage.Request("received", null), Key(), "\"2\"")).StatusCode); // no storage rule for 1–3
    }

    [Fact]
    public async Task A_duplicate_is_due_ten_working_days_after_a_complete_request_and_shows_on_the_original()
    {
        var officer = app.Officer();
        var number = await officer.IssueAsync(Scenario.For("accreditation", submittedOn: new DateOnly(2026, 3, 2)), new DateOnly(2026, 3, 10));
        var incomplete = await officer.PostJsonAsync($"/api/v1/documents/{number}/duplicates",
            new DocumentDuplicates.Request("lost", new DateOnly(2026, 3, 19), ["duplicate-application", "application"]), Key());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Contains("loss-or-damage-proof", await incomplete.Content.ReadAsStringAsync());

        var requested = await (await officer.PostJsonAsync($"/api/v1/documents/{number}/duplicates", new DocumentDuplicates.Request("lost", new DateOnly(2026, 3, 19),
            ["duplicate-application", "loss-or-damage-proof", "application", "premises-and-equipment", "specialists-documents"]), Key()))
            .ReadAsync<DocumentDuplicates.Requested>();
        Assert.Equal((1, new DateOnly(2026, 4, 7)), (requested.Ordinal, requested.DueOn)); // l. 6913; Nauryz skipped

        var issued = await (await officer.PostJsonAsync($"/api/v1/documents/{number}/duplicates/1/issue",
            new DocumentDuplicates.IssueRequest(new DateOnly(2026, 4, 3), "post", "RR1KZ"), Key(), "\"1\"")).ReadAsync<DocumentDuplicates.Issued>();
        Assert.False(issued.Late);
        await app.WaitForProjectionsAsync();
        var verified = await app.Anonymous().GetJsonAsync<PublicDocument>($"/api/v1/registry/accreditation/{number}");
        Assert.Equal([new DateOnly(2026, 4, 3)], verified!.DuplicatesIssuedOn);

        var attestation = await officer.IssueAsync(Scenario.For("attestation"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync($"/api/v1/documents/{attestation}/duplicates",
            new DocumentDuplicates.Request("damaged", null, ["duplicate-application", "loss-or-damage-proof", "application", "expert-conclusion"]), Key())).StatusCode);
    }

    [Fact]
    public async Task An_electronic_request_is_not_accepted_only_on_the_seed_s_three_grounds()
    {
        var officer = app.Officer();
        var response = await officer.PostJsonAsync("/api/v1/applications/electronic-requests/not-accepted",
            new RefuseElectronicRequest.Request("attestation", "request-unclear", "ТОО «Сұрау»", null), Key());
        var body = await response.ReadAsync<RefuseElectronicRequest.Response>();
        Assert.Matches(@"^ERN-\d{4}-\d{6}$", body.Number);
        Assert.Equal([288], body.Ground.Seed.Lines);
        Assert.StartsWith("сұраудың мәнін нақтылау кезінде", body.Ground.Text.Kk, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync("/api/v1/applications/electronic-requests/not-accepted",
            new RefuseElectronicRequest.Request("attestation", "server-busy", "ТОО «Сұрау»", null), Key())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PostJsonAsync("/api/v1/applications/electronic-requests/not-accepted",
            new RefuseElectronicRequest.Request("standard-agreement", "request-unclear", "ТОО «Сұрау»", null), Key())).StatusCode);
    }

    [Fact]
    public async Task The_service_page_gives_each_rule_in_Kazakh_and_Russian_with_its_seed_reference()
    {
        var accreditation = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/services/accreditation")).RootElement;
        Assert.Equal("Өрт қауіпсіздігі саласындағы қатерлерді тәуелсіз бағалау жөніндегі ұйымдарды аккредиттеу",
            accreditation.GetProperty("name").GetProperty("text").GetProperty("kk").GetString());
        var grounds = accreditation.GetProperty("refusalGrounds").EnumerateArray().ToList();
        Assert.Equal(2, grounds.Count);
        Assert.All(grounds, g => Assert.Equal(6861, g.GetProperty("seed").GetProperty("lines")[0].GetInt32()));
        Assert.False(string.IsNullOrWhiteSpace(grounds[1].GetProperty("text").GetProperty("ru").GetString()));
        var portal = accreditation.GetProperty("documentsByChannel").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "portal");
        Assert.Equal(4, portal.GetProperty("documents").GetArrayLength());
        Assert.Equal(10, accreditation.GetProperty("duplicates").GetProperty("workingDays").GetInt32());
        Assert.Equal(3, accreditation.GetProperty("electronicRequestGrounds").GetArrayLength());
        Assert.Equal(5, accreditation.GetProperty("term").GetProperty("refusalDueWorkingDaysAfterProtocol").GetInt32());

        var standard = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/services/standard-agreement")).RootElement;
        var drafts = standard.GetProperty("documentsByChannel")[0].GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "standard-drafts");
        Assert.Equal(4, drafts.GetProperty("minimumCopies").GetInt32());
        Assert.Equal(["kk", "ru"], drafts.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.True(standard.GetProperty("applicationForm").GetProperty("freeForm").GetBoolean());
        Assert.Contains("6-бабы 11-тармағы", standard.GetProperty("legalBasis").GetProperty("acts")[0].GetProperty("text").GetProperty("kk").GetString());
        Assert.DoesNotContain(standard.GetProperty("schedules").EnumerateArray(), s => s.GetProperty("place").GetString() is "mailbox" or "portal");

        var declaration = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/services/declaration")).RootElement;
        Assert.Contains("11-1", declaration.GetProperty("legalBasis").GetProperty("conflict").GetProperty("ru").GetString());
        var permit = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/services/permit")).RootElement;
        Assert.Contains(permit.GetProperty("documentsByChannel").EnumerateArray(),
            c => c.GetProperty("applicants").GetString() == "non-residents" && c.GetProperty("channel").GetString() == "committee");
        Assert.Equal("Рұқсат берілді деп есептеледі", permit.GetProperty("deemedIfNoAnswer").GetProperty("kk").GetString());
    }

    // Issue 13 "API": result form (l. 88–92/2333–2335/4539–4541/6745–6747/8888/10920), delivery by channel (para 15:
    // l. 266–270, 6849–6855, 8958–8962, 10994–10998), duplicates (l. 6913, 9008, 11044), schedules (para 9: mailbox
    // l. 118/2353/4567 only for 1–3, portal 24/7 l. 128/2363/4577/6775 only for 1–4), e-request grounds (l. 282–288…).
    [Theory]
    [InlineData("attestation", "electronic-document", new[] { "committee", "centre" }, false, true, true)]
    [InlineData("permit", "electronic-document", new[] { "committee", "centre" }, false, true, true)]
    [InlineData("declaration", "electronic-document", new[] { "committee", "centre" }, false, true, true)]
    [InlineData("accreditation", "electronic-document", new[] { "committee" }, true, false, true)]
    [InlineData("fire-equipment-conclusion", "paper", new string[0], true, false, false)]
    [InlineData("standard-agreement", "letter-with-signed-draft", new string[0], true, false, false)]
    public async Task The_service_page_gives_the_result_form_delivery_duplicates_and_schedules_per_channel(string code, string medium, string[] paperCopyAt,
        bool fourToSix, bool mailbox, bool portal)
    {
        var s = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/services/{code}")).RootElement;
        var form = s.GetProperty("resultForm");
        Assert.Equal(medium, form.GetProperty("medium").GetString());
        Assert.Equal(paperCopyAt, form.GetProperty("paperCopyAt").EnumerateArray().Select(c => c.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(form.GetProperty("refusalMedium").GetProperty("kk").GetString()));
        var delivery = s.GetProperty("delivery").EnumerateArray().Select(d => (d.GetProperty("channel").GetString(), d.GetProperty("method").GetString())).ToList();
        Assert.Equal(fourToSix, delivery.Contains(("committee", "post")));
        Assert.Contains(("centre", "centre-window"), delivery);
        Assert.Equal(portal, delivery.Contains(("portal", "personal-cabinet")));
        Assert.Equal(fourToSix, s.GetProperty("duplicates").ValueKind == JsonValueKind.Object);
        Assert.Equal(fourToSix, s.GetProperty("uncollectedAtCentre").ValueKind == JsonValueKind.Object);
        var places = s.GetProperty("schedules").EnumerateArray().Select(x => x.GetProperty("place").GetString()).ToList();
        Assert.Contains("committee", places);
        Assert.Contains("centre", places);
        Assert.Equal(mailbox, places.Contains("mailbox"));
        Assert.Equal(portal, places.Contains("portal"));
        Assert.Equal(portal ? 3 : 0, s.GetProperty("electronicRequestGrounds").GetArrayLength());
        Assert.Equal(portal, s.GetProperty("channels").EnumerateArray().Any(c => c.GetString() == "portal"));
        Assert.All(s.GetProperty("refusalGrounds").EnumerateArray(), g =>
        {
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("text").GetProperty("kk").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("text").GetProperty("ru").GetString()));
            Assert.NotEmpty(g.GetProperty("seed").GetProperty("paragraph").GetString()!);
        });
    }

    // Issue 13 "API": the officer endpoints for result delivery, refusal notices and duplicates follow the command pattern.
    [Fact]
    public async Task Handovers_take_If_Match_replay_an_idempotency_key_and_leave_an_audit_record()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.For("standard-agreement"));
        await (await officer.DecideAsync(submitted.Id, "issue")).ReadAsync<DecideApplication.Response>();
        var request = new RecordHandover.Request("result", "post", Today, "applicant", "RR987654321KZ"); // l. 10994
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/handovers", request, Key(), "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/handovers", request, Key(), "stale")).StatusCode);
        var key = Key();
        var first = await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/handovers", request, key, "\"2\"")).ReadAsync<RecordHandover.Response>();
        var again = await (await officer.PostJsonAsync($"/api/v1/applications/{submitted.Id}/handovers", request, key, "\"2\"")).ReadAsync<RecordHandover.Response>();
        Assert.Equal(first, again);
        Assert.Equal(3, await Version(submitted.Id));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from result_handovers where application_id = @Id", submitted));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from audit_log where entity_id = @Id and action = 'application.handover'", submitted));
    }
}
