using System.Text.Json.Serialization;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Domain.Applications;

[JsonConverter(typeof(SlugJsonConverter<HandoverItem>))]
public enum HandoverItem
{
    /// <summary>The result document (attestation, permit, cipher, certificate, conclusion, letter with signed drafts).</summary>
    Result,

    /// <summary>A paper print of an electronic result, on request where the standard allows it.</summary>
    PaperCopy,

    RefusalNotice,

    /// <summary>A duplicate of a lost or damaged result (services 4–6).</summary>
    Duplicate,
}

/// <summary>
/// How results reach applicants (para 15): the ways a service offers for the channel the application came by; paper
/// prints only where the standard allows (Committee or Centre for 1–3, the Committee for 4); post only for 4–6; a
/// duplicate is handed over by the Committee, in person or by post. A result a Centre holds for services 4–6 is kept
/// one month, then sent on (l. 6853, 8962, 10998); 1–3 have no such rule.
/// </summary>
public static class ResultHandover
{
    /// <summary>Null when the item may be handed over this way, else why not.</summary>
    public static string? DeliveryError(ServiceDefinition service, Channel channel, HandoverItem item, DeliveryMethod method)
    {
        switch (item)
        {
            case HandoverItem.PaperCopy:
                var place = method switch { DeliveryMethod.InPerson => Channel.Committee, DeliveryMethod.CentreWindow => Channel.Centre, _ => (Channel?)null };
                return place is { } p && service.ResultForm.PaperCopyAt.Contains(p) ? null
                    : service.ResultForm.PaperCopyAt.Count == 0
                        ? $"{service.Code} has no paper print of its result: its result is {service.ResultForm.Medium.Slug()}."
                        : $"A paper print of a {service.Code} result is handed over only at: {string.Join(", ", service.ResultForm.PaperCopyAt.Select(c => c.Slug()))}.";
            case HandoverItem.Duplicate:
                return service.Duplicates is null ? $"{service.Code} has no duplicate rule."
                    : method is DeliveryMethod.InPerson or DeliveryMethod.Post ? null : "The Committee hands a duplicate over in person or posts it.";
            default:
                var methods = MethodsFor(service, channel);
                return methods.Contains(method) ? null
                    : $"A {service.Code} application made at the {channel.Slug()} gets its answer by: {string.Join(", ", methods.Select(m => m.Slug()))}.";
        }
    }

    public static IReadOnlyList<DeliveryMethod> MethodsFor(ServiceDefinition service, Channel channel) =>
        [.. service.Delivery.Where(d => d.Channel == channel).Select(d => d.Method).Distinct()];

    /// <summary>Null when a Centre may keep this service's uncollected result, else why not.</summary>
    public static string? StorageError(ServiceDefinition service, Channel channel) =>
        service.UncollectedAtCentre is null ? $"The standard gives no storage rule at a Centre for {service.Code}."
        : channel != Channel.Centre ? "Only a result waiting at the Centre that took the application is stored there." : null;

    /// <summary>A stored result may be sent on once its month at the Centre is over.</summary>
    public static bool MaySendOn(CentreStorage rule, DateOnly receivedOn, DateOnly on) => on > rule.LastDay(receivedOn);
}
