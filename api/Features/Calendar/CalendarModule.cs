using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Api.Features.Calendar;

/// <summary>Shows how a deadline is computed on Kazakhstan's production calendar, day by day.</summary>
public sealed class CalendarModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/calendar").WithTags("Calendar").AllowAnonymous().RequirePublicRateLimit()
            .MapGet("/deadline", Deadline).WithName("ComputeDeadline")
            .WithSummary("The deadline of a service for an application received on a given day, with every day counted or skipped and why");
    }

    public static Results<Ok<DeadlineComputation>, ValidationProblem> Deadline(string? service, DateOnly? submittedOn, WorkingCalendar calendar)
    {
        var definition = ServiceCatalogue.Find(service);
        var errors = new Dictionary<string, string[]>();
        if (definition is null) errors["service"] = [$"One of: {string.Join(", ", ServiceCatalogue.All.Select(s => s.Code))}."];
        if (submittedOn is null) errors["submittedOn"] = ["The day the application was received, YYYY-MM-DD."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        return TypedResults.Ok(Deadlines.Compute(definition!.Deadline, submittedOn!.Value, [], calendar));
    }
}
