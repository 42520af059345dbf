using Registry.Domain.Common;
using Registry.Domain.Applications;
using Registry.Domain.Documents;
using Registry.Domain.Services;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Rules;

/// <summary>One test per bullet of SERVICES.md "Facts a registry must model".</summary>
public sealed class FactsTests
{
    static ServiceDefinition S(string code) => ServiceCatalogue.Find(code)!;

    static DateOnly? Due(string service, string submitted, params Suspension[] suspensions) =>
        Deadlines.Compute(S(service).Deadline, D(submitted), suspensions, Instance).Due;

    // Fact 1: deadline per service; receipt day not counted; working days on the KZ calendar, calendar days plain.
    [Theory]
    [InlineData("attestation", "2026-03-20", "2026-04-15")]               // across Nauryz 2026 (21–25 March off)
    [InlineData("accreditation", "2026-03-20", "2026-04-15")]
    [InlineData("permit", "2026-03-20", "2026-04-04")]                    // calendar days ignore Nauryz
    [InlineData("declaration", "2026-03-20", "2026-04-04")]
    [InlineData("fire-equipment-conclusion", "2026-03-20", "2026-04-04")]
    [InlineData("standard-agreement", "2026-03-20", "2026-04-04")]
    [InlineData("attestation", "2025-12-31", "2026-01-26")]               // across New Year and Orthodox Christmas
    [InlineData("permit", "2025-12-31", "2026-01-15")]
    [InlineData("attestation", "2025-03-20", "2025-04-15")]               // Nauryz 2025: 22–23 March moved to 24–25
    [InlineData("attestation", "2026-12-01", "2026-12-23")]              // Independence Day, 16 December
    public void Deadline_per_service_excludes_the_day_of_receipt_and_uses_the_real_calendar(string service, string submitted, string due) =>
        Assert.Equal(D(due), Due(service, submitted));

    [Theory]
    [InlineData("attestation", 15, DeadlineBasis.WorkingDays)]
    [InlineData("permit", 15, DeadlineBasis.CalendarDays)]
    [InlineData("declaration", 15, DeadlineBasis.CalendarDays)]
    [InlineData("accreditation", 15, DeadlineBasis.WorkingDays)]
    [InlineData("fire-equipment-conclusion", 15, DeadlineBasis.CalendarDays)]
    [InlineData("standard-agreement", 15, DeadlineBasis.CalendarDays)]
    public void Each_service_has_the_decree_s_deadline_rule(string service, int days, DeadlineBasis basis) =>
        Assert.Equal(new DeadlineRule(days, basis), S(service).Deadline);

    // Fact 2: completeness check within 2 working days of receipt.
    [Theory]
    [InlineData("2026-03-20", "2026-03-27")]
    [InlineData("2024-12-31", "2025-01-06")] // New Year, moved day off, and Sunday 5 Jan worked
    [InlineData("2026-11-24", "2026-11-26")]
    public void The_completeness_check_is_due_within_two_working_days(string submitted, string due) =>
        Assert.Equal(D(due), Deadlines.Compute(S("permit").Deadline, D(submitted), [], Instance).CompletenessCheckDue);

    // Fact 3: missing documents suspend consideration; the clock stops until they are supplied.
    [Fact]
    public void Missing_documents_stop_the_clock_until_they_are_supplied()
    {
        Assert.Null(Due("permit", "2026-11-02", new Suspension(D("2026-11-04"), null)));
        // Suspended 4–10 November (7 days) moves a 15-calendar-day deadline from 17 to 24 November.
        Assert.Equal(D("2026-11-17"), Due("permit", "2026-11-02"));
        Assert.Equal(D("2026-11-24"), Due("permit", "2026-11-02", new Suspension(D("2026-11-04"), D("2026-11-10"))));
        // Working days: suspended Wed 4 – Fri 6 November costs three working days.
        Assert.Equal(D("2026-11-23"), Due("attestation", "2026-11-02"));
        Assert.Equal(D("2026-11-26"), Due("attestation", "2026-11-02", new Suspension(D("2026-11-04"), D("2026-11-06"))));
    }

    // Fact 4: a Centre refuses intake when a required document is missing and lists what is missing.
    [Fact]
    public void A_centre_refuses_intake_listing_the_missing_documents()
    {
        var missing = Intake.Missing(S("declaration"), Channel.Centre, ["application"]);
        Assert.Equal(["declaration", "expert-conclusion"], missing.Select(d => d.Code));
        Assert.All(missing, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title.Kk));
            Assert.False(string.IsNullOrWhiteSpace(d.Title.Ru));
        });
        Assert.Empty(Intake.Missing(S("declaration"), Channel.Centre, ["application", "declaration", "expert-conclusion"]));
    }

    // Fact 5: an expert conclusion older than 3 months makes the application incomplete.
    [Theory]
    [InlineData("2026-08-24", "2026-11-24", true)]  // exactly three months: still valid
    [InlineData("2026-08-23", "2026-11-24", false)] // one day older
    [InlineData("2026-11-30", "2026-11-24", false)] // an expertise after the check cannot be right
    [InlineData("2025-11-30", "2026-02-28", true)]  // month end: 30 Nov + 3 months = 28 Feb
    public void An_expert_conclusion_is_valid_for_three_months_from_the_expertise(string expertise, string checkedOn, bool valid) =>
        Assert.Equal(valid, Deadlines.ExpertConclusionValid(D(expertise), D(checkedOn)));

    [Theory]
    [InlineData("attestation", true)]
    [InlineData("permit", true)]
    [InlineData("declaration", true)]
    [InlineData("accreditation", false)]
    [InlineData("fire-equipment-conclusion", false)]
    [InlineData("standard-agreement", false)]
    public void Services_one_to_three_require_an_expert_conclusion(string service, bool required) =>
        Assert.Equal(required, S(service).ExpertConclusionRequired);

    // Fact 6: refusal requires reasons; refused applications produce no registry entry (state machine; HTTP tests check the registry).
    [Fact]
    public void A_refusal_is_final_and_issues_nothing()
    {
        Assert.Equal(ApplicationStatus.Refused, ApplicationLifecycle.Apply(ApplicationStatus.UnderReview, ApplicationStep.Refuse).Next);
        Assert.False(ApplicationLifecycle.Apply(ApplicationStatus.Refused, ApplicationStep.Issue).Allowed);
        Assert.False(ApplicationLifecycle.Apply(ApplicationStatus.Refused, ApplicationStep.DeemIssued).Allowed);
    }

    // Fact 7: accreditation: a reasoned refusal is due within 5 working days of the protocol decision.
    [Theory]
    [InlineData("2026-03-19", "2026-03-31")] // Nauryz in between
    [InlineData("2026-11-24", "2026-12-01")]
    public void An_accreditation_refusal_is_due_five_working_days_after_the_protocol(string protocol, string due) =>
        Assert.Equal(D(due), Deadlines.RefusalDue(S("accreditation"), D(protocol), Instance));

    // Fact 8: no answer by the deadline → deemed issued the day after the deadline, for every service.
    [Theory]
    [InlineData("attestation", "2026-03-20", "2026-04-16")]
    [InlineData("permit", "2026-03-20", "2026-04-05")]
    [InlineData("declaration", "2026-03-20", "2026-04-05")]
    [InlineData("accreditation", "2026-03-20", "2026-04-16")]
    [InlineData("fire-equipment-conclusion", "2026-03-20", "2026-04-05")]
    [InlineData("standard-agreement", "2026-03-20", "2026-04-05")]
    public void Silence_means_the_result_is_deemed_issued_the_day_after_the_deadline(string service, string submitted, string deemedOn)
    {
        var due = Due(service, submitted);
        Assert.Null(Deadlines.DeemedIssuedOn(due, due!.Value));
        Assert.Equal(D(deemedOn), Deadlines.DeemedIssuedOn(due, due.Value.AddDays(1)));
        Assert.Equal(D(deemedOn), Deadlines.DeemedIssuedOn(due, due.Value.AddDays(30)));
        Assert.False(string.IsNullOrWhiteSpace(S(service).DeemedResult.Ru));
    }

    [Fact]
    public void The_permit_is_deemed_a_permit_not_an_attestation_despite_the_decree_s_drafting_slip() =>
        Assert.Equal("Разрешение считается выданным", S("permit").DeemedResult.Ru);

    [Fact]
    public void A_suspended_application_is_not_deemed_issued()
    {
        Assert.False(ApplicationLifecycle.Apply(ApplicationStatus.Suspended, ApplicationStep.DeemIssued).Allowed);
        Assert.Null(Deadlines.DeemedIssuedOn(Due("permit", "2026-01-05", new Suspension(D("2026-01-06"), null)), D("2026-12-31")));
    }

    // Fact 9: attestation and accreditation for legal entities only; the others for individuals too; permits for non-residents.
    [Theory]
    [InlineData("attestation", ApplicantType.LegalEntity, true)]
    [InlineData("attestation", ApplicantType.Individual, false)]
    [InlineData("attestation", ApplicantType.NonResident, false)]
    [InlineData("accreditation", ApplicantType.LegalEntity, true)]
    [InlineData("accreditation", ApplicantType.Individual, false)]
    [InlineData("permit", ApplicantType.Individual, true)]
    [InlineData("permit", ApplicantType.NonResident, true)]
    [InlineData("declaration", ApplicantType.Individual, true)]
    [InlineData("declaration", ApplicantType.NonResident, false)]
    [InlineData("fire-equipment-conclusion", ApplicantType.Individual, true)]
    [InlineData("standard-agreement", ApplicantType.Individual, true)]
    [InlineData("standard-agreement", ApplicantType.NonResident, false)]
    public void Who_may_apply(string service, ApplicantType applicant, bool allowed) =>
        Assert.Equal(allowed, Intake.MayApply(S(service), applicant));

    // Fact 10: every service is free; every accepted application gets a receipt (receipt fields: HTTP tests).
    [Fact]
    public void There_are_six_services_each_free_with_its_result_document()
    {
        Assert.Equal(6, ServiceCatalogue.All.Count);
        Assert.Equal(DocumentKinds.All, ServiceCatalogue.All.Select(s => s.Result));
        Assert.Equal(new Text("Тегін", "Бесплатно"), ServiceCatalogue.Fee); // l. 110/2347/4559/6761/8900/10932, one text for all six
        Assert.All(ServiceCatalogue.All, s => Assert.Equal(s.Result.Slug(), s.Code));
    }

    [Fact]
    public void The_portal_serves_services_one_to_four_only() =>
        Assert.Equal(["attestation", "permit", "declaration", "accreditation"], ServiceCatalogue.All.Where(s => s.Channels.Contains(Channel.Portal)).Select(s => s.Code));

    [Theory]
    [InlineData(ApplicationStatus.Submitted, ApplicationStep.ConfirmComplete, ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.Submitted, ApplicationStep.SuspendForMissingDocuments, ApplicationStatus.Suspended)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStep.SuspendForMissingDocuments, ApplicationStatus.Suspended)]
    [InlineData(ApplicationStatus.Suspended, ApplicationStep.ReceiveMissingDocuments, ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStep.Issue, ApplicationStatus.Issued)]
    [InlineData(ApplicationStatus.Submitted, ApplicationStep.Issue, ApplicationStatus.Issued)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStep.DeemIssued, ApplicationStatus.DeemedIssued)]
    public void The_application_state_machine_allows(ApplicationStatus from, ApplicationStep step, ApplicationStatus to) =>
        Assert.Equal(to, ApplicationLifecycle.Apply(from, step).Next);

    [Theory]
    [InlineData(ApplicationStatus.Suspended, ApplicationStep.Issue)]
    [InlineData(ApplicationStatus.Issued, ApplicationStep.Refuse)]
    [InlineData(ApplicationStatus.DeemedIssued, ApplicationStep.Issue)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStep.ReceiveMissingDocuments)]
    public void The_application_state_machine_refuses_with_a_reason(ApplicationStatus from, ApplicationStep step)
    {
        var outcome = ApplicationLifecycle.Apply(from, step);
        Assert.False(outcome.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Refusal));
    }

    [Fact]
    public void Service_specific_fields_are_checked_against_their_code_lists()
    {
        var errors = Intake.FieldErrors(S("attestation"), new Dictionary<string, IReadOnlyList<string>> { ["sectors"] = ["space-flight"], ["activities"] = [] });
        Assert.Contains("space-flight", errors["sectors"]);
        Assert.True(errors.ContainsKey("activities"));
        Assert.Empty(Intake.FieldErrors(S("permit"), new Dictionary<string, IReadOnlyList<string>> { ["subjects"] = ["Кран КС-55713"] }));
    }
}
