using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Complaints;

/// <summary>The statuses a complaint shows: the portal statuses of services 1–4 (l. 352/2541/4797/6911) — жеткізу,
/// тіркеу, орындалу, қарау, қараудан бас тарту. Services 5 and 6 have no such clause; the register uses the same
/// statuses for them so that every complaint can be followed the same way.</summary>
[JsonConverter(typeof(SlugJsonConverter<ComplaintStatus>))]
public enum ComplaintStatus
{
    /// <summary>Жеткізу: the complaint reached the office (by post or by hand).</summary>
    Delivered,

    /// <summary>Тіркеу: registered, with a talon number.</summary>
    Registered,

    /// <summary>Орындалу: under review by the addressee.</summary>
    InProgress,

    /// <summary>Қарау: reviewed, the written answer sent by post.</summary>
    Answered,

    /// <summary>Қараудан бас тарту: review refused, with the reason.</summary>
    ReviewRefused,
}
