using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

/// <summary>When a suspension for missing documents starts: the moment the Committee notifies the applicant (services
/// 1–3, «хабарлаған сәттен») or the moment the applicant receives the notice (4–6, «хабарлама алған сәттен»).</summary>
[JsonConverter(typeof(SlugJsonConverter<SuspensionStart>))]
public enum SuspensionStart
{
    ApplicantNotified,
    NoticeReceived,
}
