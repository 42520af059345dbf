using System.Net;
using System.Text.Json;
using Registry.Api.Features.Applications;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.Privacy;

/// <summary>An individual's IIN is private; a holder record is never taken over by a different kind of applicant.</summary>
public sealed class HolderIdentityTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    const string Iin = "880101300010";

    [Fact]
    public async Task A_legal_entity_applying_with_a_new_IIN_is_told_that_an_IIN_is_not_a_BIN()
    {
        var iin = Valid("9107153", 4);
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", Scenario.Attestation(bin: iin), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("applicant.identifier")[0].GetString();
        Assert.Contains("IIN", error);
        await app.WaitForProjectionsAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/organisations/{iin}")).StatusCode);
    }

    [Fact]
    public async Task A_legal_entity_cannot_take_over_an_individual_s_record_by_naming_their_IIN()
    {
        var officer = app.Officer();
        var number = await officer.IssueAsync(Scenario.For("permit", "individual", name: "Әсем Жұмабаева"));
        var takeover = await officer.PostJsonAsync("/api/v1/applications", Scenario.Attestation(bin: Iin, name: "ТОО «Подмена»"), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, takeover.StatusCode);

        await app.WaitForProjectionsAsync();
        var document = await app.Anonymous().GetJsonAsync<PublicDocument>($"/api/v1/registry/permit/{number}");
        Assert.Equal("Әсем Жұмабаева", document!.Holder.Name);
        Assert.Empty(document.Holder.FormerNames);
        Assert.Equal("88********10", document.Holder.Identifier);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/organisations/{Iin}")).StatusCode);
        var search = await app.Anonymous().GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={Iin}");
        Assert.Equal(0, search!.Total);
    }

    [Fact]
    public async Task A_holder_s_type_never_changes_silently()
    {
        var officer = app.Officer();
        var bin = Valid("11055", 6); // entity digit 5: a non-resident
        var first = await officer.SubmitAsync(Scenario.For("permit", "non-resident", name: "Acme GmbH") with
        {
            Applicant = new SubmitApplication.ApplicantDto("non-resident", bin, "Acme GmbH", null, null, null),
        });
        Assert.NotEqual(Guid.Empty, first.Id);

        var resident = await officer.PostJsonAsync("/api/v1/applications", Scenario.Attestation(bin: bin, name: "ТОО «Acme Kazakhstan»"), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, resident.StatusCode);
        var application = await officer.GetJsonAsync<GetApplication.Response>($"/api/v1/applications/{first.Id}");
        Assert.Equal("Acme GmbH", application!.ApplicantName);
    }

    [Fact]
    public async Task Two_first_applications_for_the_same_new_BIN_at_once_both_succeed()
    {
        var bin = Scenario.NewBin();
        var officer = app.Officer();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            officer.PostJsonAsync("/api/v1/applications", Scenario.Attestation(bin, "ТОО «Одновременно»"), Guid.NewGuid().ToString())));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
    }

    /// <summary>The first valid 12-digit number that opens with <paramref name="prefix"/>, followed by a serial of <paramref name="digits"/>.</summary>
    static string Valid(string prefix, int digits)
    {
        for (var serial = 0; ; serial++)
        {
            var first11 = prefix + serial.ToString($"D{digits}", System.Globalization.CultureInfo.InvariantCulture);
            if (Registry.Domain.Identifiers.TaxpayerNumber.CheckDigit(first11) is var check and >= 0) return first11 + check;
        }
    }
}
