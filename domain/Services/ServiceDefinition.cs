using Registry.Domain.Documents;

namespace Registry.Domain.Services;

/// <summary>A text in the two languages the registry speaks: Kazakh (the state language) and Russian.</summary>
public sealed record Text(string Kk, string Ru);

/// <summary>A document the applicant hands in; Channels says where it is required (paper at the Committee or a Centre,
/// an electronic copy signed with EDS on the portal).</summary>
public sealed record RequiredDocument(string Code, Text Title, IReadOnlyList<Channel> Channels);

/// <summary>The service-specific part of the application form (annex 2) and what the result document covers.</summary>
public sealed record ApplicationField(string Name, Text Title, bool Required, IReadOnlyList<string>? AllowedCodes = null);

/// <summary>One of the six services: who may apply, where, with which documents, within which term, and its result.</summary>
public sealed record ServiceDefinition(
    string Code,
    DocumentKind Result,
    Text Name,
    Text ResultName,
    Text ResultForm,
    Text Provider,
    IReadOnlyList<ApplicantType> Applicants,
    DeadlineRule Deadline,
    bool ExpertConclusionRequired,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<RequiredDocument> Documents,
    IReadOnlyList<ApplicationField> Fields,
    Text DeemedResult,
    string LegalBasis,
    int? RefusalDueWorkingDaysAfterProtocol = null)
{
    public IEnumerable<RequiredDocument> DocumentsFor(Channel channel) => Documents.Where(d => d.Channels.Contains(channel));
}
