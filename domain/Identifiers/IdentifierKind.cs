using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Identifiers;

/// <summary>What an applicant's identifier is: a business number, an individual's number (private), or none (a non-resident).</summary>
[JsonConverter(typeof(SlugJsonConverter<IdentifierKind>))]
public enum IdentifierKind
{
    Bin,
    Iin,
    None,
}
