using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Services;

namespace Registry.Domain.Tests.Services;

/// <summary>
/// Catalogue facts the seed states plainly, and invariants every catalogue entry must keep (texts in both languages,
/// codes that identify). The lists of documents, channels, fields and titles themselves are not pinned here: they are
/// being rewritten from the seed (issue 13) and get their own seed-derived tests there.
/// </summary>
public sealed class ServiceCatalogueTests
{
    static ServiceDefinition S(string code) => ServiceCatalogue.Find(code)!;

    [Theory]
    [InlineData("attestation", 15, DeadlineBasis.WorkingDays, "15 working days, the day of receipt excluded")]             // l. 102
    [InlineData("permit", 15, DeadlineBasis.CalendarDays, "15 calendar days, the day of receipt excluded")]                // l. 2341
    [InlineData("declaration", 15, DeadlineBasis.CalendarDays, "15 calendar days, the day of receipt excluded")]           // l. 4551
    [InlineData("accreditation", 15, DeadlineBasis.WorkingDays, "15 working days, the day of receipt excluded")]           // l. 6753
    [InlineData("fire-equipment-conclusion", 15, DeadlineBasis.CalendarDays, "15 calendar days, the day of receipt excluded")] // l. 8894
    [InlineData("standard-agreement", 15, DeadlineBasis.CalendarDays, "15 calendar days, the day of receipt excluded")]    // l. 10926
    public void Each_service_has_the_term_its_standard_sets(string service, int days, DeadlineBasis basis, string said)
    {
        Assert.Equal(new DeadlineRule(days, basis), S(service).Deadline);
        Assert.Equal(said, S(service).Deadline.ToString());
    }

    [Theory]
    [InlineData("attestation", new[] { ApplicantType.LegalEntity })]                                                   // l. 96
    [InlineData("permit", new[] { ApplicantType.Individual, ApplicantType.LegalEntity, ApplicantType.NonResident })] // l. 2337, 2391
    [InlineData("declaration", new[] { ApplicantType.Individual, ApplicantType.LegalEntity })]                         // l. 4545
    [InlineData("accreditation", new[] { ApplicantType.LegalEntity })]                                                 // l. 6749
    [InlineData("fire-equipment-conclusion", new[] { ApplicantType.Individual, ApplicantType.LegalEntity })]           // l. 8890
    [InlineData("standard-agreement", new[] { ApplicantType.Individual, ApplicantType.LegalEntity })]                  // l. 10922
    public void Each_service_serves_the_applicants_its_standard_names(string service, ApplicantType[] applicants) =>
        Assert.Equal(applicants.Order(), S(service).Applicants.Order());

    [Fact]
    public void The_completeness_check_takes_two_working_days_and_an_expert_conclusion_lasts_three_months()
    {
        Assert.Equal(2, ServiceCatalogue.CompletenessCheckWorkingDays);  // l. 274/2487/4717/6857/8964/11000
        Assert.Equal(3, ServiceCatalogue.ExpertConclusionValidityMonths); // l. 222, 2445, 4665
    }

    [Theory]
    [InlineData("attestation", null)]
    [InlineData("permit", null)]
    [InlineData("declaration", null)]
    [InlineData("accreditation", 5)] // l. 6759
    [InlineData("fire-equipment-conclusion", null)]
    [InlineData("standard-agreement", null)]
    public void Only_accreditation_refuses_within_working_days_of_a_protocol_decision(string service, int? days) =>
        Assert.Equal(days, S(service).RefusalDueWorkingDaysAfterProtocol);

    [Fact]
    public void Every_display_text_is_given_in_Kazakh_and_in_Russian()
    {
        var texts = new List<(string Where, Text Text)>
        {
            ("fee", ServiceCatalogue.Fee),
            ("complaints", ServiceCatalogue.Complaints), ("industrial safety committee", ServiceCatalogue.IndustrialSafetyCommittee),
            ("fire service committee", ServiceCatalogue.FireServiceCommittee),
        };
        foreach (var s in ServiceCatalogue.All)
        {
            texts.AddRange([($"{s.Code} name", s.Name.Text), ($"{s.Code} result", s.ResultName), ($"{s.Code} provider", s.Provider), ($"{s.Code} deemed result", s.DeemedResult)]);
            texts.AddRange(s.Documents.Select(d => ($"{s.Code} document {d.Code}", d.Title)));
            texts.AddRange(s.Fields.Select(f => ($"{s.Code} field {f.Name}", f.Title)));
            texts.AddRange(s.Schedules.Select(x => ($"{s.Code} schedule {x.Place}", x.Text)));
            texts.AddRange(s.RefusalGrounds.Select(g => ($"{s.Code} ground {g.Code}", g.Text)));
        }
        Assert.All(texts, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Text.Kk), $"{t.Where}: no Kazakh text");
            Assert.False(string.IsNullOrWhiteSpace(t.Text.Ru), $"{t.Where}: no Russian text");
        });
    }

    [Fact]
    public void Every_service_names_its_legal_basis() =>
        Assert.All(ServiceCatalogue.All, s => Assert.All(s.LegalBasis.Acts, a => Assert.False(string.IsNullOrWhiteSpace(a.Text.Kk), s.Code)));

    [Fact]
    public void Every_channel_a_service_offers_asks_for_documents_each_with_a_code_of_its_own()
    {
        Assert.All(ServiceCatalogue.All, s =>
        {
            Assert.NotEmpty(s.Channels);
            Assert.All(s.Channels, channel => Assert.NotEmpty(s.DocumentsFor(channel)));
            Assert.All(s.Documents, d => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", d.Code));
            Assert.Equal(s.Documents.Count, s.Documents.Select(d => d.Code).Distinct().Count());
        });
    }

    [Fact]
    public void Application_fields_use_names_that_identify()
    {
        Assert.All(ServiceCatalogue.All, s =>
        {
            Assert.All(s.Fields, f => Assert.Matches("^[a-z][a-zA-Z0-9]*$", f.Name));
            Assert.Equal(s.Fields.Count, s.Fields.Select(f => f.Name).Distinct().Count());
        });
    }

    [Fact]
    public void There_are_six_services_one_per_result_kind_coded_by_the_kind_s_slug()
    {
        Assert.Equal(DocumentKinds.All, ServiceCatalogue.All.Select(s => s.Result));
        Assert.All(ServiceCatalogue.All, s => Assert.Equal(s.Result.Slug(), s.Code));
    }

    [Theory]
    [InlineData("permit", "permit")]
    [InlineData("PERMIT", "permit")]
    [InlineData("Fire-Equipment-Conclusion", "fire-equipment-conclusion")]
    [InlineData("licence", null)]
    [InlineData(null, null)]
    public void A_service_is_found_by_its_code_in_any_case(string? code, string? found) =>
        Assert.Equal(found, ServiceCatalogue.Find(code)?.Code);
    [Theory]
    [InlineData(DocumentKind.Attestation, "attestation")]
    [InlineData(DocumentKind.Accreditation, "accreditation")]
    [InlineData(DocumentKind.StandardAgreement, "standard-agreement")]
    public void Each_kind_of_document_is_issued_by_one_service(DocumentKind kind, string code) =>
        Assert.Equal(code, ServiceCatalogue.Issuing(kind).Code);

    [Theory]
    [InlineData(DeadlineBasis.WorkingDays, "15 жұмыс күні (құжаттарды қабылдаған күн мерзімге кірмейді)", "15 рабочих дней (день приёма документов в срок не входит)")]
    [InlineData(DeadlineBasis.CalendarDays, "15 күнтізбелік күн (құжаттарды қабылдаған күн мерзімге кірмейді)", "15 календарных дней (день приёма документов в срок не входит)")]
    public void A_term_is_told_to_the_public_in_both_languages_with_the_day_of_receipt_excluded(DeadlineBasis basis, string kk, string ru) =>
        Assert.Equal(new Text(kk, ru), new DeadlineRule(15, basis).Text);

    [Fact]
    public void A_seed_reference_reads_as_paragraph_and_lines() =>
        Assert.Equal("14, l. 246, 258", SeedRef.At("14", 246, 258).ToString());

    [Fact]
    public void A_document_deemed_issued_gives_its_public_reason_in_Kazakh_and_Russian() =>
        Assert.Equal("Аттестат берілді деп есептеледі / Аттестат считается выданным", S("attestation").DeemedPublicReason);

    [Fact]
    public void Non_residents_file_where_their_own_route_says_and_everyone_else_where_the_service_says()
    {
        var permit = S("permit");
        Assert.Equal([Channel.Committee], permit.ChannelsFor(ApplicantType.NonResident));
        Assert.Equal(permit.Channels, permit.ChannelsFor(ApplicantType.Individual));
        Assert.Equal(S("attestation").Channels, S("attestation").ChannelsFor(ApplicantType.NonResident)); // no route of their own
        Assert.Equal(permit.Documents.Where(d => d.Channels.Contains(Channel.Centre)), permit.DocumentsFor(Channel.Centre, ApplicantType.Individual));
        Assert.Equal(S("attestation").DocumentsFor(Channel.Centre), S("attestation").DocumentsFor(Channel.Centre, ApplicantType.NonResident));
    }
}
