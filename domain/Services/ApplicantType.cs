using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

/// <summary>Who applies: a resident legal entity (BIN), an individual (IIN), or a non-resident legal entity.</summary>
[JsonConverter(typeof(SlugJsonConverter<ApplicantType>))]
public enum ApplicantType
{
    LegalEntity,
    Individual,
    NonResident,
}
