using System.Net;
using System.Text.Json;
using Registry.Api.Features.Applications;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.Tests.Services;

/// <summary>
/// Per service and channel, which document lists an intake takes (section 4 of the digest, paragraph 11 of each
/// standard): the seed's list is accepted everywhere; one document short, a Centre refuses intake with a receipt naming
/// it (l. 280/2493/4723/6863/8970/11006) while the Committee and the portal accept and note it for the completeness
/// check; and each channel hands over its own proof of intake (para 14).
/// </summary>
public sealed class SeedChannelTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    public static TheoryData<string, string, string, string[], string> Lists => new()
    {
        // service, channel, applicant, the seed's list for that channel, proof of intake
        { "attestation", "committee", "legal-entity", ["application", "expert-conclusion"], "talon" },
        { "attestation", "centre", "legal-entity", ["application", "expert-conclusion"], "centre-receipt" },
        { "attestation", "portal", "legal-entity", ["application", "expert-conclusion"], "portal-notification" },
        { "permit", "committee", "individual", ["application", "expert-conclusion"], "talon" },
        { "permit", "centre", "individual", ["application", "expert-conclusion"], "centre-receipt" },
        { "permit", "portal", "legal-entity", ["application", "expert-conclusion"], "portal-notification" },
        { "permit", "committee", "non-resident", ["application", "expert-conclusion"], "talon" },
        { "declaration", "committee", "individual", ["application", "declaration", "expert-conclusion"], "talon" },
        { "declaration", "centre", "legal-entity", ["application", "declaration", "expert-conclusion"], "centre-receipt" },
        { "declaration", "portal", "legal-entity", ["application", "declaration", "expert-conclusion"], "portal-notification" },
        { "accreditation", "committee", "legal-entity", ["application", "premises-and-equipment", "specialists-documents"], "marked-application-copy" },
        { "accreditation", "centre", "legal-entity", ["application", "premises-and-equipment", "specialists-documents"], "centre-receipt" },
        { "accreditation", "portal", "legal-entity", ["application", "registration-certificate", "premises-and-equipment", "specialists-documents"], "portal-notification" },
        { "fire-equipment-conclusion", "committee", "individual", ["application", "laboratory-test-results", "representative-identity"], "marked-application-copy" },
        { "fire-equipment-conclusion", "centre", "legal-entity", ["application", "laboratory-test-results", "representative-identity"], "centre-receipt" },
        { "standard-agreement", "committee", "legal-entity", ["application", "standard-drafts", "laboratory-test-results", "representative-identity"], "marked-application-copy" },
        { "standard-agreement", "centre", "individual", ["application", "standard-drafts", "laboratory-test-results", "representative-identity"], "centre-receipt" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_seed_s_list_is_taken_and_one_document_short_a_centre_refuses_while_the_committee_and_portal_note_it(
        string service, string channel, string applicant, string[] list, string proof)
    {
        var officer = app.Officer();
        var complete = Scenario.For(service, applicant, channel) with { Documents = [.. list.Select(c => new SubmitApplication.AttachedDocumentDto(c, c))] };
        var accepted = await officer.SubmitAsync(complete);
        Assert.Empty(accepted.MissingDocuments);
        Assert.Equal(proof, accepted.Receipt.Kind.Slug());

        var shortOne = complete with { Applicant = complete.Applicant with { Identifier = applicant == "legal-entity" ? Scenario.NewBin() : complete.Applicant.Identifier },
            Documents = [.. complete.Documents!.SkipLast(1)] };
        var response = await officer.PostJsonAsync("/api/v1/applications", shortOne, Guid.NewGuid().ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (channel == "centre")
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.EndsWith("/intake-refused", body.GetProperty("type").GetString());
            var receipt = body.GetProperty("receipt");
            Assert.Equal([list[^1]], receipt.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
            Assert.Equal(Scenario.CentreId, receipt.GetProperty("centre").GetProperty("centreId").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal([list[^1]], body.GetProperty("missingDocuments").EnumerateArray().Select(m => m.GetString()));
        }
    }

    [Theory]
    [InlineData("accreditation", "centre", new[] { "application", "charter", "registration-certificate", "staff-qualifications", "premises-and-equipment" })]
    [InlineData("fire-equipment-conclusion", "centre", new[] { "application", "product-documentation", "conformity-certificate" })]
    [InlineData("standard-agreement", "centre", new[] { "application", "standard-draft" })]
    public async Task The_lists_the_seed_never_gave_no_longer_pass_a_centre(string service, string channel, string[] oldList)
    {
        var request = Scenario.For(service, channel: channel) with { Documents = [.. oldList.Select(c => new SubmitApplication.AttachedDocumentDto(c, c))] };
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", request, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var missing = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetProperty("missing")
            .EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        Assert.NotEmpty(missing);
        Assert.DoesNotContain("charter", missing);
    }

    [Theory]
    [InlineData("fire-equipment-conclusion", "portal", "legal-entity")]     // no portal (l. 8872)
    [InlineData("standard-agreement", "portal", "individual")]              // no portal (l. 10904)
    [InlineData("permit", "centre", "non-resident")]                        // Committee only (l. 2391)
    [InlineData("permit", "portal", "non-resident")]
    public async Task A_channel_the_seed_does_not_give_is_refused(string service, string channel, string applicant)
    {
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", Scenario.For(service, applicant, channel), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Channel not available", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_centre_receipt_carries_its_six_fields_with_the_time_the_centre_and_the_representative()
    {
        var request = Scenario.For("permit", channel: "centre", submittedOn: new DateOnly(2026, 3, 20)) with
        {
            Representative = new("Әлиева Дана Серікқызы", "+77015550011"),
        };
        var r = (await app.Officer().SubmitAsync(request)).Receipt; // l. 248–258
        Assert.Matches(@"^RCP-\d{4}-\d{6}$", r.Number);                                   // (1) number and date
        Assert.Equal("permit", r.Service);                                                // (2) the service
        Assert.Equal(2, r.AttachedCount);                                                 // (3) number and names
        Assert.Equal(["application", "expert-conclusion"], r.AttachedDocuments!.Select(d => d.Code));
        Assert.Equal(new DateOnly(2026, 4, 4), r.ResultOn);                               // (4) date, time and place
        Assert.Equal(new TimeOnly(9, 0), r.ResultAt);
        Assert.Equal(Scenario.CentreId, r.ResultPlace!.CentreId);
        Assert.False(string.IsNullOrWhiteSpace(r.ResultPlace.Name));
        Assert.Equal("Test Officer", r.AcceptedBy);                                       // (5) the Centre officer
        Assert.Equal(("Асқар Бекова", "+77010000001"), (r.Applicant.ContactPerson, r.Applicant.Phone)); // (6) applicant, representative, phones
        Assert.Equal(("Әлиева Дана Серікқызы", "+77015550011"), (r.Representative!.Name, r.Representative.Phone));
    }

    [Fact]
    public async Task The_committee_marks_the_application_copy_for_services_four_to_six_and_the_portal_gives_a_date_and_a_time()
    {
        var marked = (await app.Officer().SubmitAsync(Scenario.For("accreditation", submittedOn: new DateOnly(2026, 3, 20)))).Receipt; // l. 6821–6829
        Assert.Equal(IntakeProofKind.MarkedApplicationCopy, marked.Kind);
        Assert.Equal(Scenario.AcceptorPhone, marked.AcceptorPhone);
        Assert.Equal("Test Officer", marked.AcceptorSignature);
        Assert.Equal(new DateOnly(2026, 4, 15), marked.ResultOn);

        var withoutPhone = Scenario.For("standard-agreement") with { AcceptorPhone = null };
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Officer().PostJsonAsync("/api/v1/applications", withoutPhone, Guid.NewGuid().ToString())).StatusCode);

        var portal = (await app.Officer().SubmitAsync(Scenario.For("declaration", channel: "portal", submittedOn: new DateOnly(2026, 3, 20)))).Receipt; // l. 4703
        Assert.Equal(IntakeProofKind.PortalNotification, portal.Kind);
        Assert.Equal((new DateOnly(2026, 4, 4), new TimeOnly(9, 0)), (portal.ResultOn!.Value, portal.ResultAt!.Value));
    }

    [Fact]
    public async Task A_centre_application_names_a_centre_of_annex_one()
    {
        var noCentre = Scenario.For("attestation", channel: "centre") with { CentreId = null };
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Officer().PostJsonAsync("/api/v1/applications", noCentre, Guid.NewGuid().ToString())).StatusCode);
        var unknown = Scenario.For("attestation", channel: "centre") with { CentreId = "99-99" };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Officer().PostJsonAsync("/api/v1/applications", unknown, Guid.NewGuid().ToString())).StatusCode);
    }
}
