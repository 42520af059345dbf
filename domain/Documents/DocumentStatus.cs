using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Documents;

/// <summary>The state of an issued document.</summary>
[JsonConverter(typeof(SlugJsonConverter<DocumentStatus>))]
public enum DocumentStatus
{
    Valid,
    Suspended,
    Revoked,
    Expired,
}
