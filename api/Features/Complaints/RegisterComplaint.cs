using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Calendar;
using Registry.Domain.Common;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Features.Complaints;

/// <summary>Intake of a written complaint brought by hand or received by post (para 24): the contents are checked, the
/// addressee follows from the subject, and the applicant gets a talon (para 25) with the term and place of the answer
/// and the access code for the public status.</summary>
public static class RegisterComplaint
{
    /// <summary>Service, or an ApplicationId / DocumentNumber it is derived from. Subject: result-disagreement,
    /// improper-service or centre-staff. ReceivedBy: post or by-hand. ReceivedAt: when it reached the office (default now).</summary>
    public sealed record Request(string? Service, Guid? ApplicationId, string? DocumentNumber, string? Subject, string? ReceivedBy, DateTimeOffset? ReceivedAt,
        string? ApplicantFullName, string? PostalAddress, DateOnly? ComplaintDate, bool Signed, string? OfficialPosition, string? OfficialName,
        string? Reasons, string? Demands, string? AcceptorContact);

    public sealed record ComplaintAddresseeDto(ComplaintAddressee Code, Text To, Text? Address, string? Phone);

    public sealed record ComplaintAnswerDto(DateOnly DueOn, string Term, string TermSource, Text Place);

    /// <summary>The talon: the only time the access code is shown.</summary>
    public sealed record ComplaintTalon(string Number, string AccessCode, DateTimeOffset RegisteredAt, DateTimeOffset ReceivedAt, string AcceptedBy, string AcceptorContact,
        string Service, ComplaintAddresseeDto Addressee, ComplaintAnswerDto Answer, Text Court, string StatusLookup);

    public sealed record Response(Guid Id, ComplaintStatus Status, int Version, ComplaintTalon Talon);

    public static readonly string[] ReceivedByWays = ["post", "by-hand"];

    public static async Task<Results<CreationResult<Response>, ValidationProblem>> Handle(Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        IOptions<ComplaintOptions> options, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The day as the officer wrote it (in the offset given); stored in UTC.
        var receivedOn = DateOnly.FromDateTime(request.ReceivedAt?.Date ?? clock.GetLocalNow().Date);
        var receivedAt = (request.ReceivedAt ?? now).ToUniversalTime();
        var contents = new ComplaintContents(request.ApplicantFullName, request.PostalAddress, request.ComplaintDate, request.Signed,
            request.OfficialPosition, request.OfficialName, request.Reasons, request.Demands);
        var errors = ComplaintRequirements.Defects(contents, receivedOn).ToDictionary(e => e.Key, e => new[] { e.Value });
        if (!Slugs.TryParse<ComplaintSubject>(request.Subject, out var subject))
            errors["subject"] = [$"Subject is one of {string.Join(", ", Slugs.All<ComplaintSubject>())}; a court claim is filed with the court, not here."];
        if (request.ReceivedBy is null || !ReceivedByWays.Contains(request.ReceivedBy))
            errors["receivedBy"] = ["A complaint is received in writing, by post or by hand (para 24): post or by-hand."];
        if (receivedAt > now) errors["receivedAt"] = ["The complaint cannot be received in the future."];
        if (string.IsNullOrWhiteSpace(request.AcceptorContact)) errors["acceptorContact"] = ["The talon gives the acceptor's contact data (para 25)."];
        if (request.Service is not null && ServiceCatalogue.Find(request.Service) is null)
            errors["service"] = [$"Service is one of {string.Join(", ", ServiceCatalogue.All.Select(s => s.Code))}."];
        if (request.Service is null && request.ApplicationId is null && request.DocumentNumber is null)
            errors["service"] = ["Name the service, the application or the document complained about."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return new CreationResult<Response>(await Commands.RunAsync(dataSource, http.Command("complaint.register", request), async (conn, tx, actor) =>
        {
            var concerned = await ConcernedAsync(conn, tx, request, ct);
            if (concerned.Problem is { } problem) return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Unknown subject of the complaint", problem);
            var service = ServiceCatalogue.Find(concerned.Service)!;
            var addressee = ComplaintAddressees.For(subject);
            var route = service.ComplaintRoutes.Single(r => r.Addressee == addressee);
            var court = service.ComplaintRoutes.Single(r => r.Addressee == ComplaintAddressee.Court);
            var term = options.Value.TermFor(addressee);
            var dueOn = term.DueOn(receivedOn, calendar);

            var id = Guid.CreateVersion7();
            var number = await ComplaintRecords.NextTalonNumberAsync(conn, tx, now.Year, ct);
            var code = AccessCodes.New();
            await ComplaintRecords.InsertAsync(conn, tx, new NewComplaint(id, number, AccessCodes.Hash(code), service.Code, concerned.ApplicationId, concerned.DocumentId,
                subject, addressee, request.ReceivedBy!, receivedAt, contents, actor, request.AcceptorContact!, term, dueOn, now), ct);
            var talon = new ComplaintTalon(number, code, now, receivedAt, actor, request.AcceptorContact!, service.Code,
                new ComplaintAddresseeDto(addressee, route.To, route.Address, route.Phone),
                new ComplaintAnswerDto(dueOn, term.Describe(), term.Source, AnswerPlace(request.PostalAddress!)),
                court.To, "/api/v1/complaint-status");
            return CommandOutcome.Success(StatusCodes.Status201Created, new Response(id, ComplaintStatus.Registered, 1, talon), id, $"/api/v1/complaints/{id}");
        }, ct));
    }

    /// <summary>The answer is written and sent by post (l. 350/2539/4795/6909/9006/11042), so its place is the postal
    /// address the complaint gives.</summary>
    static Text AnswerPlace(string postalAddress) => new(
        $"Жауап шағымда көрсетілген пошталық мекенжайға пошта арқылы жазбаша жіберіледі: {postalAddress}",
        $"Ответ направляется письменно по почте на почтовый адрес, указанный в жалобе: {postalAddress}");

    sealed record Concerned(string? Service, Guid? ApplicationId, Guid? DocumentId, string? Problem);

    sealed record DocumentRow(Guid Id, Guid ApplicationId, string Service);

    /// <summary>The service, application and document the complaint names, consistent with each other.</summary>
    static async Task<Concerned> ConcernedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Request request, CancellationToken ct)
    {
        Guid? applicationId = request.ApplicationId, documentId = null;
        var service = request.Service is null ? null : ServiceCatalogue.Find(request.Service)!.Code;
        if (request.DocumentNumber is { } number)
        {
            var doc = await conn.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition("""
                select d.id, d.application_id as applicationid, a.service from documents d join applications a on a.id = d.application_id where d.number = @number
                """, new { number = number.Trim() }, tx, cancellationToken: ct));
            if (doc is null) return new(null, null, null, $"No document numbered '{number}'.");
            if (applicationId is not null && applicationId != doc.ApplicationId) return new(null, null, null, $"Document {number} was not issued on application {applicationId}.");
            (applicationId, documentId) = (doc.ApplicationId, doc.Id);
            if (service is not null && service != doc.Service) return new(null, null, null, $"Document {number} is a result of {doc.Service}, not {service}.");
            service = doc.Service;
        }
        if (applicationId is { } appId && documentId is null)
        {
            var appService = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition("select service from applications where id = @appId",
                new { appId }, tx, cancellationToken: ct));
            if (appService is null) return new(null, null, null, $"No application {appId}.");
            if (service is not null && service != appService) return new(null, null, null, $"Application {appId} is for {appService}, not {service}.");
            service = appService;
        }
        return new(service, applicationId, documentId, null);
    }
}
