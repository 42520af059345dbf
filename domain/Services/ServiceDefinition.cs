using Registry.Domain.Documents;

namespace Registry.Domain.Services;

/// <summary>
/// One of the six services as its standard states it: who may apply, where, with which documents, within which term,
/// on which grounds it is refused, what the applicant receives on each channel, how the result reaches them, and the
/// acts it rests on. Every rule carries its seed reference; section 9 of the digest lists what the seed leaves open.
/// </summary>
public sealed record ServiceDefinition
{
    /// <summary>The standard's number in the decree, 1–6.</summary>
    public required int Number { get; init; }

    public required string Code { get; init; }

    public required DocumentKind Result { get; init; }

    /// <summary>The official name: Kazakh verbatim from para 1.</summary>
    public required SeedQuote Name { get; init; }

    public required Text ResultName { get; init; }

    public required Text Provider { get; init; }

    public required Text ProviderAddress { get; init; }

    public required IReadOnlyList<ApplicantType> Applicants { get; init; }

    public required SeedRef ApplicantsSeed { get; init; }

    public required DeadlineRule Deadline { get; init; }

    public required SeedRef DeadlineSeed { get; init; }

    public required bool ExpertConclusionRequired { get; init; }

    public required IReadOnlyList<Channel> Channels { get; init; }

    public required ApplicationForm Form { get; init; }

    /// <summary>Paragraph 11, for residents; <see cref="NonResidents"/> has its own list.</summary>
    public required IReadOnlyList<RequiredDocument> Documents { get; init; }

    public NonResidentRoute? NonResidents { get; init; }

    public required IReadOnlyList<ApplicationField> Fields { get; init; }

    /// <summary>Exactly two, in the seed's words (para 16).</summary>
    public required IReadOnlyList<Ground> RefusalGrounds { get; init; }

    /// <summary>When an electronic request is not accepted (services 1–4: three grounds; none for 5–6).</summary>
    public required IReadOnlyList<Ground> ElectronicRequestGrounds { get; init; }

    public required IReadOnlyList<IntakeProof> IntakeProofs { get; init; }

    public required ResultForm ResultForm { get; init; }

    public required IReadOnlyList<DeliveryOption> Delivery { get; init; }

    /// <summary>Services 4–6; null where the seed gives no storage rule (1–3).</summary>
    public CentreStorage? UncollectedAtCentre { get; init; }

    /// <summary>Services 4–6; null where the seed gives no duplicate rule (1–3).</summary>
    public DuplicateRule? Duplicates { get; init; }

    public required IReadOnlyList<Schedule> Schedules { get; init; }

    /// <summary>What silence produces, as the registry records it.</summary>
    public required Text DeemedResult { get; init; }

    /// <summary>The deemed clause in the seed's words; DeemedNote explains where the registry reads it otherwise.</summary>
    public required SeedQuote DeemedQuote { get; init; }

    public Text? DeemedNote { get; init; }

    /// <summary>The public reason on a document deemed issued, in both languages.</summary>
    public string DeemedPublicReason => $"{DeemedResult.Kk} / {DeemedResult.Ru}";

    public required LegalBasis LegalBasis { get; init; }

    public required IReadOnlyList<ComplaintRoute> ComplaintRoutes { get; init; }

    public required ComplaintRules Complaints { get; init; }

    public required SuspensionStart SuspensionStarts { get; init; }

    public required SeedRef SuspensionSeed { get; init; }

    public required IReadOnlyList<QualityIndicator> QualityIndicators { get; init; }

    /// <summary>Targets for the indicators are set each year by the Minister's order (para 19); the seed's values are blank.</summary>
    public required SeedRef QualityTargetsSeed { get; init; }

    /// <summary>Accreditation: a reasoned refusal is due within this many working days of the protocol decision.</summary>
    public int? RefusalDueWorkingDaysAfterProtocol { get; init; }

    public SeedRef? RefusalDueSeed { get; init; }

    /// <summary>Where applicants of this type may file: non-residents only where their own route says.</summary>
    public IReadOnlyList<Channel> ChannelsFor(ApplicantType applicant) =>
        applicant == ApplicantType.NonResident && NonResidents is { } route ? route.Channels : Channels;

    /// <summary>The paragraph-11 list for this channel and applicant.</summary>
    public IEnumerable<RequiredDocument> DocumentsFor(Channel channel, ApplicantType applicant = ApplicantType.LegalEntity) =>
        (applicant == ApplicantType.NonResident && NonResidents is { } route ? route.Documents : Documents).Where(d => d.Channels.Contains(channel));

    public IntakeProof? ProofOn(Channel channel) => IntakeProofs.FirstOrDefault(p => p.Channel == channel);
}
