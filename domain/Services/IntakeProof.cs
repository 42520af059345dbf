using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<IntakeProofKind>))]
public enum IntakeProofKind
{
    /// <summary>Committee office, services 1–3: a talon with the date the service will be received.</summary>
    Talon,

    /// <summary>Committee, services 4–6: a copy of the application marked with the date of acceptance, the acceptor's phone
    /// and signature, and the date the service will be provided.</summary>
    MarkedApplicationCopy,

    /// <summary>A Centre: a receipt (қолхат) with six fields.</summary>
    CentreReceipt,

    /// <summary>Portal, services 1–4: a notification-report in the personal cabinet with the date and time of the result.</summary>
    PortalNotification,
}

/// <summary>What the applicant gets when documents are accepted on a channel (para 14), and the fields it must carry.</summary>
public sealed record IntakeProof(Channel Channel, IntakeProofKind Kind, Text Name, IReadOnlyList<Text> Fields, SeedRef Seed);
