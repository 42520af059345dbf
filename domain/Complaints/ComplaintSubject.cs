using System.Text.Json.Serialization;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Domain.Complaints;

/// <summary>What a complaint is about; the subject decides the addressee (paras 21–22).</summary>
[JsonConverter(typeof(SlugJsonConverter<ComplaintSubject>))]
public enum ComplaintSubject
{
    /// <summary>Disagreement with the result of the service → the Ministry's leadership (para 21).</summary>
    ResultDisagreement,

    /// <summary>Improper service by the Committee → the Committee chair (para 22).</summary>
    ImproperService,

    /// <summary>Improper service by Centre staff → the Centre head or the head of the Centre RSE (para 22).</summary>
    CentreStaff,
}

public static class ComplaintAddressees
{
    /// <summary>The authority a complaint on <paramref name="subject"/> goes to. The court (para 23) is a route the
    /// applicant takes on their own: it is stated on the talon and the service page, never registered here.</summary>
    public static ComplaintAddressee For(ComplaintSubject subject) => subject switch
    {
        ComplaintSubject.ResultDisagreement => ComplaintAddressee.MinistryLeadership,
        ComplaintSubject.ImproperService => ComplaintAddressee.CommitteeChair,
        ComplaintSubject.CentreStaff => ComplaintAddressee.CentreHead,
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, null),
    };

    /// <summary>The addressees a registered complaint can have: every route except the court.</summary>
    public static IReadOnlyList<ComplaintAddressee> Registrable => [.. Enum.GetValues<ComplaintSubject>().Select(For)];
}
