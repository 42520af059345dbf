using Registry.Domain.Applications;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Services;

namespace Registry.Domain.Tests.Common;

public sealed class SlugsTests
{
    [Theory]
    [InlineData(DocumentKind.FireEquipmentConclusion, "fire-equipment-conclusion")]
    [InlineData(DocumentKind.StandardAgreement, "standard-agreement")]
    [InlineData(DocumentKind.Attestation, "attestation")]
    public void A_kind_is_spelled_in_kebab_case_everywhere(DocumentKind kind, string slug)
    {
        Assert.Equal(slug, kind.Slug());
        Assert.Equal(kind, Slugs.Parse<DocumentKind>(slug));
    }

    [Fact]
    public void Statuses_channels_and_applicant_types_have_the_stored_spellings()
    {
        Assert.Equal(["submitted", "under-review", "suspended", "issued", "refused", "deemed-issued"], Slugs.All<ApplicationStatus>());
        Assert.Equal(["valid", "suspended", "revoked", "expired"], Slugs.All<DocumentStatus>());
        Assert.Equal(["committee", "centre", "portal"], Slugs.All<Channel>());
        Assert.Equal(["legal-entity", "individual", "non-resident"], Slugs.All<ApplicantType>());
    }

    [Theory]
    [InlineData("Portal", true)]
    [InlineData("PORTAL", true)]
    [InlineData("2", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("portal ", false)]
    public void Parsing_ignores_case_but_never_takes_a_number(string? text, bool parses) =>
        Assert.Equal(parses, Slugs.TryParse<Channel>(text, out _));

    [Fact]
    public void An_unknown_slug_is_a_format_error_naming_the_choices()
    {
        var error = Assert.Throws<FormatException>(() => Slugs.Parse<DocumentStatus>("cancelled"));
        Assert.Contains("valid, suspended, revoked, expired", error.Message);
    }

    [Fact]
    public void Enums_serialise_as_their_slugs_and_refuse_numbers()
    {
        Assert.Equal("\"under-review\"", System.Text.Json.JsonSerializer.Serialize(ApplicationStatus.UnderReview));
        Assert.Equal(ApplicationStatus.DeemedIssued, System.Text.Json.JsonSerializer.Deserialize<ApplicationStatus>("\"deemed-issued\""));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<Channel>("2"));
    }
}
