using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class ServicePage
{
    /// <summary>Deadline: the calculator's answer when a submission date was given.</summary>
    public sealed record ServiceModel(ServiceDefinition Service, string? SubmittedInput, DeadlineComputation? Deadline, Text? Error);

    /// <summary>The calculator is the same computation as GET /api/v1/calendar/deadline, on the same production calendar.</summary>
    public static IResult Handle(Lang lang, string code, string? submitted, HttpContext http, WorkingCalendar calendar)
    {
        var site = Site.For(http, lang);
        if (ServiceCatalogue.Find(code) is not { } service) return NotFoundPage.Handle(lang, http);
        if (string.IsNullOrWhiteSpace(submitted)) return new HtmlPage<ServicePage>(site, new ServiceModel(service, null, null, null));
        return Formats.TryReadDate(submitted, out var day)
            ? new HtmlPage<ServicePage>(site, new ServiceModel(service, submitted, Deadlines.Compute(service.Deadline, day, [], calendar), null))
            : new HtmlPage<ServicePage>(site, new ServiceModel(service, submitted, null, Labels.DateInvalid), StatusCodes.Status400BadRequest);
    }
}
