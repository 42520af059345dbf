using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Documents;

/// <summary>The result documents of the six services.</summary>
[JsonConverter(typeof(SlugJsonConverter<DocumentKind>))]
public enum DocumentKind
{
    Attestation,
    Permit,
    Declaration,
    Accreditation,
    FireEquipmentConclusion,
    StandardAgreement,
}

public static class DocumentKinds
{
    public static readonly IReadOnlyList<DocumentKind> All = Enum.GetValues<DocumentKind>();

    /// <summary>The three Latin letters that open a document number. Letters chosen so that none of them has a
    /// different Cyrillic look-alike meaning once numbers are normalised.</summary>
    public static string NumberPrefix(this DocumentKind kind) => kind switch
    {
        DocumentKind.Attestation => "ATT",
        DocumentKind.Permit => "PRM",
        DocumentKind.Declaration => "DEC",
        DocumentKind.Accreditation => "ACR",
        DocumentKind.FireEquipmentConclusion => "FEC",
        DocumentKind.StandardAgreement => "STA",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
