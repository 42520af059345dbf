using Registry.Domain.Services;

namespace Registry.Domain.Applications;

/// <summary>Whether a refusal may be recorded: the grounds it names, from the service's own two, and the application's
/// state. Error is null when it may; Outcome then says where the application goes.</summary>
public sealed record RefusalVerdict(ApplicationLifecycle.Outcome Outcome, IReadOnlyList<Ground> Grounds, string? Error);

/// <summary>
/// The Committee refuses only on the two grounds its standard names (l. 278, 2491, 4721, 6861, 8968, 11004): a refusal
/// names one or both by code and explains itself in its own words (the reasoned answer, дәлелді жауап). A suspended
/// application — documents still missing — may be refused only for incomplete information.
/// </summary>
public static class Refusals
{
    public const string IncompleteInformation = "incomplete-information";

    public static RefusalVerdict Decide(ServiceDefinition service, ApplicationStatus status, IReadOnlyCollection<string> groundCodes)
    {
        var codes = string.Join(", ", service.RefusalGrounds.Select(g => g.Code));
        if (groundCodes.Count == 0) return Refused($"A refusal names its grounds: one or both of {codes}.");
        if (groundCodes.FirstOrDefault(c => Ground(service, c) is null) is { } unknown)
            return Refused($"'{unknown}' is not a refusal ground of {service.Code}; the seed gives only {codes}.");
        var grounds = service.RefusalGrounds.Where(g => groundCodes.Contains(g.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        if (status == ApplicationStatus.Suspended && grounds.Any(g => g.Code != IncompleteInformation))
            return Refused($"A suspended application waits for documents: it can be refused only for {IncompleteInformation}.");
        return new(ApplicationLifecycle.Apply(status, ApplicationStep.Refuse), grounds, null);
    }

    public static Ground? Ground(ServiceDefinition service, string code) =>
        service.RefusalGrounds.FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The reasoned refusal notice: number and date, the service, the grounds in the seed's words, the officer's
    /// explanation, the signatory's role (never a name), the medium the standard gives, and how to complain.</summary>
    public static RefusalNotice Notice(ServiceDefinition service, string number, DateOnly issuedOn, string applicantName, IReadOnlyList<Ground> grounds,
        string explanation, string signatoryRole, DateOnly? protocolDecidedOn, DateOnly? dueOn) => new(
        number, issuedOn, service.Code, service.Name.Text, applicantName,
        [.. grounds.Select(g => new RefusalNoticeGround(g.Code, g.Text, g.Seed))], explanation, signatoryRole, service.ResultForm.RefusalMedium,
        service.ComplaintRoutes, ServiceCatalogue.Complaints, protocolDecidedOn, dueOn, Late: dueOn is { } due && issuedOn > due);

    static RefusalVerdict Refused(string error) => new(new(null, error), [], error);
}

public sealed record RefusalNoticeGround(string Code, Text Text, SeedRef Seed);

/// <summary>A reasoned refusal as handed to the applicant. ProtocolDecidedOn, DueOn and Late apply to accreditation: the
/// refusal is due within 5 working days of the protocol decision (l. 6759); a later one is recorded, and marked late.</summary>
public sealed record RefusalNotice(
    string Number,
    DateOnly IssuedOn,
    string Service,
    Text ServiceName,
    string ApplicantName,
    IReadOnlyList<RefusalNoticeGround> Grounds,
    string Explanation,
    string SignatoryRole,
    Text Medium,
    IReadOnlyList<ComplaintRoute> HowToComplain,
    Text ComplaintProcedure,
    DateOnly? ProtocolDecidedOn,
    DateOnly? DueOn,
    bool Late);
