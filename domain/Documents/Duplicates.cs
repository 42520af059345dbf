using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Domain.Documents;

/// <summary>
/// Services 4–6: a lost or damaged result is replaced by a duplicate within 10 working days of the day the applicant hands
/// in three things — an application, documents proving the loss or damage, and the paragraph-11 documents (l. 6913, 9008,
/// 11044). Services 1–3 have no duplicate rule.
/// </summary>
public static class Duplicates
{
    public const string Application = "duplicate-application";
    public const string LossOrDamageProof = "loss-or-damage-proof";

    /// <summary>Everything the term counts from; the paragraph-11 list is the Committee's (the duplicate comes from the Committee).</summary>
    public static IReadOnlyList<string> Required(ServiceDefinition service) =>
        [Application, LossOrDamageProof, .. service.DocumentsFor(Channel.Committee).Select(d => d.Code)];

    public static IReadOnlyList<string> Missing(ServiceDefinition service, IEnumerable<string> provided)
    {
        var have = provided.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. Required(service).Where(code => !have.Contains(code))];
    }

    public static DateOnly DueOn(DuplicateRule rule, DateOnly submittedOn, WorkingCalendar calendar) => calendar.AddWorkingDays(submittedOn, rule.WorkingDays);
}
