using Registry.Domain.Applications;
using Registry.Domain.Documents;
using Registry.Domain.Services;

namespace Registry.Domain.Tests.Applications;

/// <summary>
/// Intake logic on a service defined here, so that the rules are pinned without pinning the catalogue's lists: a Centre
/// refuses intake when any para-11 document is missing and lists the missing ones (l. 280/2493/4723/6863/8970/11006);
/// only the listed applicant types may apply (l. 96, 2337, 2391, 4545, 6749, 8890, 10922).
/// </summary>
public sealed class IntakeTests
{
    static readonly Text Words = new("мәтін", "текст");

    static readonly RequiredDocument Application = new("application", Words, [Channel.Committee, Channel.Centre, Channel.Portal]);
    static readonly RequiredDocument LabProtocols = new("lab-protocols", Words, [Channel.Committee, Channel.Centre]);
    static readonly RequiredDocument Registration = new("registration-certificate", Words, [Channel.Portal]);

    static ServiceDefinition Service(IReadOnlyList<ApplicantType>? applicants = null, params ApplicationField[] fields) => new(
        "test-service", DocumentKind.Permit, Words, Words, Words, Words, applicants ?? [ApplicantType.LegalEntity, ApplicantType.Individual],
        new DeadlineRule(15, DeadlineBasis.CalendarDays), ExpertConclusionRequired: false, [Channel.Committee, Channel.Centre, Channel.Portal],
        [Application, LabProtocols, Registration], fields, Words, "test");

    static IReadOnlyDictionary<string, IReadOnlyList<string>> Values(params (string Field, string[] Given)[] values) =>
        values.ToDictionary(v => v.Field, v => (IReadOnlyList<string>)v.Given);

    [Theory]
    [InlineData(Channel.Committee, new[] { "application", "lab-protocols" })]
    [InlineData(Channel.Centre, new[] { "application", "lab-protocols" })]
    [InlineData(Channel.Portal, new[] { "application", "registration-certificate" })]
    public void Nothing_handed_in_means_every_document_required_on_that_channel_is_missing_in_list_order(Channel channel, string[] missing) =>
        Assert.Equal(missing, Intake.Missing(Service(), channel, []).Select(d => d.Code));

    [Fact]
    public void Documents_handed_in_are_not_missing_whatever_the_case_of_their_code()
    {
        Assert.Equal(["lab-protocols"], Intake.Missing(Service(), Channel.Centre, ["APPLICATION"]).Select(d => d.Code));
        Assert.Empty(Intake.Missing(Service(), Channel.Centre, ["application", "Lab-Protocols"]));
    }

    [Fact]
    public void A_document_handed_in_that_the_channel_does_not_need_neither_counts_nor_hurts() =>
        Assert.Equal(["lab-protocols"], Intake.Missing(Service(), Channel.Committee, ["application", "registration-certificate", "photo"]).Select(d => d.Code));

    [Fact]
    public void The_missing_documents_carry_their_titles_for_the_receipt() =>
        Assert.Same(LabProtocols, Intake.Missing(Service(), Channel.Centre, ["application"]).Single());

    [Theory]
    [InlineData(ApplicantType.LegalEntity, true)]
    [InlineData(ApplicantType.Individual, false)]
    [InlineData(ApplicantType.NonResident, false)]
    public void Only_the_applicant_types_a_service_lists_may_apply(ApplicantType applicant, bool allowed) =>
        Assert.Equal(allowed, Intake.MayApply(Service([ApplicantType.LegalEntity]), applicant));

    [Fact]
    public void A_required_field_left_empty_or_absent_is_an_error_naming_the_field_and_the_service()
    {
        var service = Service(null, new ApplicationField("sectors", new("Салалар", "Отрасли"), Required: true, ["mining", "power"]),
            new ApplicationField("subjects", new("Нысандар", "Объекты"), Required: true));
        var errors = Intake.FieldErrors(service, Values(("sectors", [])));
        Assert.Equal("Отрасли: at least one is required for test-service.", errors["sectors"]);
        Assert.Equal("Объекты: at least one is required for test-service.", errors["subjects"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void An_optional_field_may_stay_empty() =>
        Assert.Empty(Intake.FieldErrors(Service(null, new ApplicationField("notes", Words, Required: false)), Values()));

    [Fact]
    public void A_value_outside_the_field_s_code_list_is_an_error_listing_the_allowed_codes()
    {
        var service = Service(null, new ApplicationField("sectors", Words, Required: true, ["mining", "power"]));
        Assert.Equal("Unknown code 'space-flight'. One of: mining, power.",
            Intake.FieldErrors(service, Values(("sectors", ["power", "space-flight", "cosmos"])))["sectors"]);
        Assert.Empty(Intake.FieldErrors(service, Values(("sectors", ["power", "mining"]))));
    }

    [Fact]
    public void An_optional_field_with_a_code_list_still_checks_what_is_given()
    {
        var service = Service(null, new ApplicationField("activities", Words, Required: false, ["training"]));
        Assert.Empty(Intake.FieldErrors(service, Values()));
        Assert.Equal("Unknown code 'diving'. One of: training.", Intake.FieldErrors(service, Values(("activities", ["diving"])))["activities"]);
    }

    [Fact]
    public void A_field_without_a_code_list_takes_free_text() =>
        Assert.Empty(Intake.FieldErrors(Service(null, new ApplicationField("subjects", Words, Required: true)), Values(("subjects", ["Кран КС-55713"]))));
}
