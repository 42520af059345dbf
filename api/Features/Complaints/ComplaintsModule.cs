using Carter;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Complaints;

/// <summary>The complaints register (§5): officers take in written complaints and hand a talon, the addressee reviews and
/// answers by post; the applicant follows the status with the talon's number and access code.</summary>
public sealed class ComplaintsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/complaints").WithTags("Complaints").RequireOfficer(Policies.RecordDecisions);

        g.MapPost("/", RegisterComplaint.Handle).WithName("RegisterComplaint")
            .WithSummary("Take in a written complaint (by post or by hand) and hand the talon: number, date and time, acceptor, contacts, term and place of the answer, access code")
            .WithDescription("The addressee follows from the subject: result-disagreement → the Ministry's leadership, improper-service → the Committee chair, "
                + "centre-staff → the Centre head. The answer term is configuration per addressee (the seed defers to the Law of 12.01.2007) counted on the production calendar. "
                + "Missing contents of para 24 answer 400 naming each field. Send an Idempotency-Key: a retry returns the same talon "
                + "without its access code (the code is shown once and only its hash is kept; reprint the talon for a new one).");

        g.MapGet("/{id:guid}", GetComplaint.Handle).WithName("GetComplaint")
            .WithSummary("A complaint with its contents, term, status history and answer (never public)");

        g.MapPost("/{id:guid}/talon", ReprintTalon.Handle).WithName("ReprintComplaintTalon")
            .WithSummary("Reprint the talon with a new access code; the old code stops working")
            .WithDescription("The code is never stored, only its hash, so the same code cannot be printed again: a reprint (a lost talon, an intake answer "
                + "that never arrived) issues a new code and the talon's number, dates, acceptor and term stay as they were.");

        g.MapPost("/{id:guid}/review", ReviewComplaint.Start).WithName("StartComplaintReview")
            .WithSummary("The addressee starts reviewing a registered complaint (орындалу)");

        g.MapPost("/{id:guid}/answer", ReviewComplaint.Answer).WithName("AnswerComplaint")
            .WithSummary("Record the written answer: text, date, signatory's role, and its posting (қарау)");

        g.MapPost("/{id:guid}/review-refusal", ReviewComplaint.Refuse).WithName("RefuseComplaintReview")
            .WithSummary("Refuse to review the complaint, with the reason (қараудан бас тарту)");

        g.MapGet("/overdue", OverdueComplaints.Handle).WithName("ListOverdueComplaints")
            .WithSummary("Open complaints past their answer day, oldest first");

        var lookup = app.MapGroup("/api/v1/complaint-status").WithTags("Complaints").AllowAnonymous().RequirePublicRateLimit();
        lookup.MapPost("/", ComplaintStatusLookup.Handle).WithName("LookUpComplaintStatus")
            .WithSummary("The status of a complaint by its talon number and access code, without any personal data")
            .WithDescription("A wrong code and an unknown number get the same 404.");
    }
}
