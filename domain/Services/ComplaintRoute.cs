using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<ComplaintAddressee>))]
public enum ComplaintAddressee
{
    /// <summary>Disagreement with the result: the Ministry's leadership.</summary>
    MinistryLeadership,

    /// <summary>Improper service by the Committee: its chair.</summary>
    CommitteeChair,

    /// <summary>Improper service by Centre staff: the Centre's head or the head of the Centre RSE.</summary>
    CentreHead,

    /// <summary>Disagreement with the result: a court, in the order the law sets.</summary>
    Court,
}

/// <summary>Where a complaint goes (paras 21–23), about what, and where that addressee sits and works.</summary>
public sealed record ComplaintRoute(ComplaintAddressee Addressee, Text Concerning, Text To, Text? Address, string? Phone, Schedule? Hours, SeedRef Seed);
