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

    static ServiceDefinition Service(IReadOnlyList<ApplicantType>? applicants = null, params ApplicationField[] fields) =>
        ServiceCatalogue.Find("permit")! with
        {
            Code = "test-service", Applicants = applicants ?? [ApplicantType.LegalEntity, ApplicantType.Individual],
            Channels = [Channel.Committee, Channel.Centre, Channel.Portal], Documents = [Application, LabProtocols, Registration],
            Fields = fields, NonResidents = null,
        };

    static readonly SeedRef Nowhere = SeedRef.At("test");

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
        var service = Service(null, new ApplicationField("sectors", new("Салалар", "Отрасли"), Required: true, Nowhere),
            new ApplicationField("subjects", new("Нысандар", "Объекты"), Required: true, Nowhere));
        var errors = Intake.FieldErrors(service, Values(("sectors", [" "])));
        Assert.Equal("Отрасли: at least one is required for test-service.", errors["sectors"]);
        Assert.Equal("Объекты: at least one is required for test-service.", errors["subjects"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void An_optional_field_may_stay_empty() =>
        Assert.Empty(Intake.FieldErrors(Service(null, new ApplicationField("notes", Words, Required: false, Nowhere)), Values()));

    // The seed's forms leave blanks for sectors and activity sub-types (l. 2177–2185): any text is taken, within a length.
    [Fact]
    public void A_field_takes_free_text_the_seed_gives_no_closed_list()
    {
        var service = Service(null, new ApplicationField("sectors", Words, Required: true, Nowhere));
        Assert.Empty(Intake.FieldErrors(service, Values(("sectors", ["тау-кен өндірісі", "space-flight"]))));
        Assert.Empty(Intake.FieldErrors(Service(null, new ApplicationField("subjects", Words, Required: true, Nowhere)), Values(("subjects", ["Кран КС-55713"]))));
    }

    [Fact]
    public void A_value_longer_than_the_limit_is_an_error()
    {
        var service = Service(null, new ApplicationField("activities", Words, Required: false, Nowhere));
        Assert.Contains("at most 1000", Intake.FieldErrors(service, Values(("activities", [new string('а', Intake.MaxFieldLength + 1)])))["activities"]);
        Assert.Empty(Intake.FieldErrors(service, Values(("activities", [new string('а', Intake.MaxFieldLength)]))));
    }
}
