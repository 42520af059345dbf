using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Common;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Records an application received by the Committee, a Public Service Centre or the portal, and hands over its
/// receipt. A Centre refuses intake when a required document is missing, and that refusal is kept with its own receipt.</summary>
public static class SubmitApplication
{
    public sealed record Request(
        [property: Required] string Service,
        [property: Required] string Channel,
        DateOnly? SubmittedOn,
        [property: Required] ApplicantDto Applicant,
        IReadOnlyList<string>? Sectors,
        IReadOnlyList<string>? Activities,
        IReadOnlyList<SubjectDto>? Subjects,
        ExpertConclusionDto? ExpertConclusion,
        IReadOnlyList<AttachedDocumentDto>? Documents,
        ContactDto? Contact);

    /// <summary>Type: legal-entity, individual or non-resident. Identifier: BIN for a legal entity, IIN for an individual,
    /// optional (a BIN) for a non-resident.</summary>
    public sealed record ApplicantDto(
        [property: Required] string Type,
        string? Identifier,
        [property: Required, StringLength(500, MinimumLength = 2)] string Name,
        string? Address,
        string? Phone,
        string? Region);

    public sealed record SubjectDto([property: Required, StringLength(1000, MinimumLength = 1)] string Name, string? Description);

    public sealed record ExpertConclusionDto([property: Required] string ExpertOrganisation, [property: Required] string Number, DateOnly ExpertiseDate);

    public sealed record AttachedDocumentDto([property: Required] string Code, [property: Required] string Title);

    public sealed record ContactDto(string? Person, string? Phone);

    /// <summary>MissingDocuments: required documents not handed in (at the Committee or portal the application is accepted and
    /// the completeness check suspends it until they arrive).</summary>
    public sealed record Response(Guid Id, string Service, string Status, int Version, DateOnly SubmittedOn, DateOnly? DeadlineOn,
        DateOnly CompletenessCheckDueOn, IReadOnlyList<string> MissingDocuments, Receipt Receipt);

    /// <summary>The talon / receipt (қолхат) the decree requires: number and date, service, attached documents, where and
    /// when the result is ready, who accepted the documents.</summary>
    public sealed record Receipt(string Number, DateTimeOffset IssuedAt, string Service, string Channel, IReadOnlyList<AttachedDocumentDto> AttachedDocuments,
        int AttachedCount, DateOnly? ResultReadyOn, string ResultCollectedAt, string AcceptedBy, string ApplicantName, string? ApplicantPhone);

    public sealed record MissingDocument(string Code, string TitleKk, string TitleRu);

    public sealed record IntakeRefusalReceipt(string Number, DateTimeOffset IssuedAt, string Service, string ApplicantName, string RefusedBy, IReadOnlyList<MissingDocument> Missing);

    public static async Task<Results<CreationResult<Response>, ValidationProblem>> Handle(Request request, HttpContext http, NpgsqlDataSource dataSource,
        TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        if (Validate(request, Today(clock)) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        return new CreationResult<Response>(await ExecuteAsync(dataSource, http.Command("application.submit", request), request, clock, calendar, ct));
    }

    /// <summary>The command itself, for a request that passed <see cref="Validate"/>: officers' requests and the demo seeder run it alike.</summary>
    public static Task<CommandReply> ExecuteAsync(NpgsqlDataSource dataSource, CommandRequest command, Request request, TimeProvider clock,
        WorkingCalendar calendar, CancellationToken ct) =>
        Commands.RunAsync(dataSource, command, async (conn, tx, actor) =>
        {
            var service = ServiceCatalogue.Find(request.Service)!;
            var channel = Slugs.Parse<Channel>(request.Channel);
            var applicant = Applicant(request.Applicant);
            if (!Intake.MayApply(service, applicant.Type))
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Applicant not eligible",
                    $"{service.Name.Ru}: applicants are {string.Join(", ", service.Applicants.Select(a => a.Slug()))}, not {applicant.Type.Slug()}.");
            if (!service.Channels.Contains(channel))
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Channel not available",
                    $"{service.Code} is accepted at: {string.Join(", ", service.Channels.Select(c => c.Slug()))}.");
            var missing = Intake.Missing(service, channel, (request.Documents ?? []).Select(d => d.Code));
            var now = clock.GetUtcNow();
            if (channel == Channel.Centre && missing.Count > 0) return await RefuseIntakeAsync(conn, tx, request, missing, actor, now, ct);

            if (await Applicants.UpsertAsync(conn, tx, applicant, ct) is not { } applicantId)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Identifier held by another kind of applicant",
                    $"{request.Applicant.Identifier} is registered to an applicant who is not a {applicant.Type.Slug()}; a holder's type never changes.");
            var id = Guid.CreateVersion7();
            var submittedOn = request.SubmittedOn ?? Today(clock);
            var deadline = Deadlines.Compute(service.Deadline, submittedOn, [], calendar);
            await ApplicationRecords.InsertAsync(conn, tx, new NewApplication(id, service.Code, applicantId, channel, submittedOn, actor,
                request.Contact?.Person, request.Contact?.Phone, deadline.Due, deadline.CompletenessCheckDue,
                request.Sectors ?? [], request.Activities ?? [], [.. (request.Subjects ?? []).Select(s => (s.Name, s.Description))],
                [.. (request.Documents ?? []).DistinctBy(d => d.Code).Select(d => (d.Code, d.Title))],
                request.ExpertConclusion is { } ec ? (ec.ExpertOrganisation, ec.Number, ec.ExpertiseDate) : null), ct);

            var documents = request.Documents ?? [];
            var receipt = new Receipt(await Receipts.NextNumberAsync(conn, tx, Receipts.Receipt, now, ct), now, service.Code, channel.Slug(), documents,
                documents.Count, deadline.Due, ResultCollectedAt(channel), actor, applicant.Name, request.Contact?.Phone ?? applicant.Phone);
            await Receipts.SaveAsync(conn, tx, id, receipt.Number, now, receipt, ct);
            return CommandOutcome.Success(StatusCodes.Status201Created,
                new Response(id, service.Code, ApplicationStatus.Submitted.Slug(), 1, submittedOn, deadline.Due, deadline.CompletenessCheckDue,
                    [.. missing.Select(d => d.Code)], receipt), id, $"/api/v1/applications/{id}");
        }, ct);

    public static Dictionary<string, string[]> Validate(Request r, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var service = ServiceCatalogue.Find(r.Service);
        if (service is null) errors["service"] = [$"Unknown service '{r.Service}'. One of: {string.Join(", ", ServiceCatalogue.All.Select(s => s.Code))}."];
        if (!Slugs.TryParse<Channel>(r.Channel, out _)) errors["channel"] = [$"Channel is one of {string.Join(", ", Slugs.All<Channel>())}."];
        if (r.SubmittedOn > today) errors["submittedOn"] = ["The submission date cannot be in the future."];
        if (!Slugs.TryParse<ApplicantType>(r.Applicant.Type, out var type))
            errors["applicant.type"] = [$"Applicant type is one of {string.Join(", ", Slugs.All<ApplicantType>())}."];
        else if (IdentifierError(type, r.Applicant.Identifier) is { } identifierError)
            errors["applicant.identifier"] = [identifierError];
        if (r.ExpertConclusion is { } ec && ec.ExpertiseDate > today) errors["expertConclusion.expertiseDate"] = ["The expertise date cannot be in the future."];
        if (service is null) return errors;
        if (service.ExpertConclusionRequired && r.ExpertConclusion is null)
            errors["expertConclusion"] = [$"{service.Code} needs the expert conclusion's organisation, number and expertise date."];
        var fields = new Dictionary<string, IReadOnlyList<string>>
        {
            ["sectors"] = r.Sectors ?? [],
            ["activities"] = r.Activities ?? [],
            ["subjects"] = [.. (r.Subjects ?? []).Select(s => s.Name)],
        };
        foreach (var (field, message) in Intake.FieldErrors(service, fields)) errors[field] = [message];
        return errors;
    }

    /// <summary>An individual is identified by an IIN, a legal entity by a BIN (a non-resident may have none); an IIN is
    /// never accepted as a BIN — it would make a person's number public.</summary>
    static string? IdentifierError(ApplicantType type, string? identifier) => type switch
    {
        ApplicantType.Individual when !TaxpayerNumber.LooksLikeIin(identifier) =>
            "An individual's IIN is 12 digits: the birth date (YYMMDD), a century digit 1–6, and a valid check digit.",
        ApplicantType.LegalEntity when TaxpayerNumber.LooksLikeIin(identifier) =>
            "This is an individual's IIN, not a BIN: a legal entity is identified by its BIN.",
        ApplicantType.LegalEntity when !TaxpayerNumber.LooksLikeBin(identifier) =>
            "A BIN is 12 digits: year and month of registration, the entity digit 4, 5 or 6, and a valid check digit.",
        ApplicantType.NonResident when identifier is not null && !TaxpayerNumber.LooksLikeBin(identifier) =>
            "A non-resident's BIN, when given, is 12 digits with the entity digit 4, 5 or 6 and a valid check digit.",
        _ => null,
    };

    static ApplicantRecord Applicant(ApplicantDto a) =>
        new(Slugs.Parse<ApplicantType>(a.Type), a.Identifier, a.Name, a.Address, a.Phone, a.Region);

    static string ResultCollectedAt(Channel channel) => channel switch
    {
        Channel.Centre => "the Public Service Centre that accepted the application",
        Channel.Portal => "the applicant's personal cabinet on the portal",
        _ => "the Committee office",
    };

    /// <summary>A Centre does not accept an incomplete set: it records the refusal and hands over a receipt naming what is missing.</summary>
    static async Task<CommandOutcome> RefuseIntakeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Request r, IReadOnlyList<RequiredDocument> missing,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var number = await Receipts.NextNumberAsync(conn, tx, Receipts.IntakeRefusal, now, ct);
        await Receipts.RecordIntakeRefusalAsync(conn, tx, id, number, r.Service, r.Applicant.Name, [.. missing.Select(d => d.Code)], now, actor, ct);
        return CommandOutcome.RefuseAndRecord(422, ProblemTypes.IntakeRefused, "Intake refused: documents missing",
            $"The Centre cannot accept the application: {missing.Count} required document(s) missing.", id,
            new Dictionary<string, object?>
            {
                ["receipt"] = new IntakeRefusalReceipt(number, now, r.Service, r.Applicant.Name, actor,
                    [.. missing.Select(d => new MissingDocument(d.Code, d.Title.Kk, d.Title.Ru))]),
            });
    }

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().Date);
}
