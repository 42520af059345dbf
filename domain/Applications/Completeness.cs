using Registry.Domain.Services;

namespace Registry.Domain.Applications;

/// <summary>What the completeness check decides; <see cref="Outcome"/> says whether the application's state allows it.
/// ExpertConclusionExpired flags, for the officer, an expert conclusion past its three months on the day of the check.</summary>
public sealed record CompletenessVerdict(ApplicationStep Step, ApplicationLifecycle.Outcome Outcome, bool ExpertConclusionExpired);

/// <summary>
/// The completeness check (due within 2 working days of receipt, l. 274): missing paragraph-11 documents suspend
/// consideration — the deadline clock stops — until they arrive; otherwise the application goes under review.
/// An expert conclusion older than three months (l. 222, 2445, 4665) is flagged, never refused on: the seed states no
/// effect of an expired conclusion, makes it neither a refusal ground nor a completeness defect (l. 278), and does not
/// say which day to test. The officer decides on the two grounds the service has.
/// </summary>
public static class Completeness
{
    public static readonly Text ExpiredExpertConclusionNotice = new(
        "Сараптамалық қорытынды тексеру күні үш айдан ескі (стандарттың 11-тармағы). Стандарт мұның салдарын белгілемейді: бұл бас тарту негізі де, құжаттың жетіспеуі де емес; шешімді қызметтің екі негізінің бірімен қызметкер қабылдайды.",
        "Экспертному заключению на день проверки больше трёх месяцев (пункт 11 стандарта). Последствий стандарт не устанавливает: это не основание для отказа и не некомплектность; решение принимает работник по одному из двух оснований услуги.");

    /// <summary>A missing-document code that is not a document of this service, if any.</summary>
    public static string? UnknownDocument(ServiceDefinition service, IEnumerable<string> missing)
    {
        var known = service.Documents.Concat(service.NonResidents?.Documents ?? []).Select(d => d.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return missing.FirstOrDefault(c => !known.Contains(c));
    }

    /// <summary>The first suspended day: the day the applicant was notified (services 1–3; the check's day unless stated),
    /// or the day the applicant received the notice (4–6; it must be stated). Null with an error when it cannot be known.</summary>
    public static (DateOnly? Start, string? Error) SuspensionStartsOn(ServiceDefinition service, DateOnly checkedOn, DateOnly? noticeDate) =>
        (service.SuspensionStarts, noticeDate) switch
        {
            (_, { } d) when d < checkedOn => (null, "The applicant cannot be notified before the completeness check."),
            (SuspensionStart.NoticeReceived, null) =>
                (null, $"{service.Code}: the suspension starts when the applicant receives the notice ({service.SuspensionSeed}); give that day as noticeDate."),
            (_, { } d) => (d, null),
            _ => (checkedOn, null),
        };

    public static CompletenessVerdict Decide(ServiceDefinition service, ApplicationStatus status, DateOnly? expertiseDate, DateOnly checkedOn,
        IReadOnlyCollection<string> missing)
    {
        var step = missing.Count > 0 ? ApplicationStep.SuspendForMissingDocuments : ApplicationStep.ConfirmComplete;
        var expired = service.ExpertConclusionRequired && expertiseDate is { } expertise && !Deadlines.ExpertConclusionValid(expertise, checkedOn);
        return new(step, ApplicationLifecycle.Apply(status, step), expired);
    }
}
