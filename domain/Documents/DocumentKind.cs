namespace Registry.Domain.Documents;

/// <summary>The result documents of the six services.</summary>
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

    /// <summary>The kind as it appears in URLs, events and the read model.</summary>
    public static string Slug(this DocumentKind kind) => kind switch
    {
        DocumentKind.Attestation => "attestation",
        DocumentKind.Permit => "permit",
        DocumentKind.Declaration => "declaration",
        DocumentKind.Accreditation => "accreditation",
        DocumentKind.FireEquipmentConclusion => "fire-equipment-conclusion",
        DocumentKind.StandardAgreement => "standard-agreement",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

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

    public static bool TryParseSlug(string? slug, out DocumentKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
