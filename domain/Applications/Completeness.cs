using Registry.Domain.Services;

namespace Registry.Domain.Applications;

/// <summary>What the completeness check decides; <see cref="Outcome"/> says whether the application's state allows it.</summary>
public sealed record CompletenessVerdict(ApplicationStep Step, ApplicationLifecycle.Outcome Outcome, IReadOnlyList<string> RefusalReasons);

/// <summary>
/// The completeness check (due within 2 working days of receipt, l. 274): an expired expert conclusion refuses the
/// application; missing documents suspend it — the deadline clock stops — until they arrive; otherwise it goes under review.
/// </summary>
public static class Completeness
{
    /// <summary>A missing-document code that is not a document of this service, if any.</summary>
    public static string? UnknownDocument(ServiceDefinition service, IEnumerable<string> missing)
    {
        var known = service.Documents.Select(d => d.Code).ToHashSet();
        return missing.FirstOrDefault(c => !known.Contains(c));
    }

    public static CompletenessVerdict Decide(ServiceDefinition service, ApplicationStatus status, DateOnly? expertiseDate, DateOnly checkedOn,
        IReadOnlyCollection<string> missing)
    {
        if (service.ExpertConclusionRequired && expertiseDate is { } expertise && !Deadlines.ExpertConclusionValid(expertise, checkedOn))
            return new(ApplicationStep.Refuse, ApplicationLifecycle.Apply(status, ApplicationStep.Refuse), [ExpiredExpertConclusion(expertise)]);
        var step = missing.Count > 0 ? ApplicationStep.SuspendForMissingDocuments : ApplicationStep.ConfirmComplete;
        return new(step, ApplicationLifecycle.Apply(status, step), []);
    }

    public static string ExpiredExpertConclusion(DateOnly expertise) =>
        $"Сараптама қорытындысының мерзімі өтті / Срок действия заключения экспертизы истёк: выдано {expertise:dd.MM.yyyy}, действительно {ServiceCatalogue.ExpertConclusionValidityMonths} месяца";
}
