using System.Text.Json;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Domain.Events.V1;

/// <summary>Emitted when a complaint is registered or changes status. Carries no personal data (no applicant, address,
/// official or reasons): only what aggregated statistics and a public status need.</summary>
public sealed record ComplaintChanged(Guid ComplaintId, int Version, string TalonNumber, string? Service, ComplaintAddressee Addressee,
    ComplaintStatus Status, DateOnly AnswerDueOn, DateTimeOffset ChangedAt)
{
    public const string Type = "complaint-changed.v1";

    public string ToJson() => JsonSerializer.Serialize(this, EventJson.Default.ComplaintChanged);

    public static ComplaintChanged FromJson(string json) =>
        JsonSerializer.Deserialize(json, EventJson.Default.ComplaintChanged) ?? throw new JsonException("An empty complaint-changed.v1 payload.");
}
