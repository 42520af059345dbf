using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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

/// <summary>Records an application received by the Committee, a Public Service Centre or the portal, and hands over the
/// proof of intake that channel gives (para 14). A Centre refuses intake when a paragraph-11 document is missing, and
/// that refusal is kept with its own receipt.</summary>
public static class SubmitApplication
{
    /// <summary>Sectors and Activities (attestation) are free text, as the form's blanks are: the seed has no list of them.
    /// CentreId: the annex-1 Centre that took the application (required on the centre channel). AcceptorPhone: the
    /// Committee officer's phone, marked on the application copy of services 4–6.</summary>
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
        ContactDto? Contact,
        string? CentreId = null,
        RepresentativeDto? Representative = null,
        string? AcceptorPhone = null);

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

    /// <summary>The applicant's contact person (surname, name, patronymic) and phone.</summary>
    public sealed record ContactDto(string? Person, string? Phone);

    /// <summary>An authorised representative handing in the documents (surname, name, patronymic; phone).</summary>
    public sealed record RepresentativeDto([property: Required, StringLength(300, MinimumLength = 2)] string Name, string? Phone);

    /// <summary>MissingDocuments: paragraph-11 documents not handed in (at the Committee or portal the application is
    /// accepted and the completeness check suspends it until they arrive).</summary>
    public sealed record Response(Guid Id, string Service, string Status, int Version, DateOnly SubmittedOn, DateOnly? DeadlineOn,
        DateOnly CompletenessCheckDueOn, IReadOnlyList<string> MissingDocuments, IntakeProofDto Receipt);

    /// <summary>
    /// The proof of intake the channel gives (para 14). Kind: talon (Committee, services 1–3: the date the service will be
    /// received), marked-application-copy (Committee, 4–6: date of acceptance, acceptor's phone and signature, date the
    /// service will be provided), centre-receipt (a Centre's қолхат: number and date and time; service; number and names
    /// of the documents; date, time and place of issue; the Centre officer; the applicant, the representative and their
    /// phones), portal-notification (1–4: acceptance and the date and time of the result). Fields a kind does not carry are null.
    /// </summary>
    public sealed record IntakeProofDto(
        IntakeProofKind Kind, Text Name, string Number, DateTimeOffset AcceptedAt, string Service, Text ServiceName, string Channel,
        IReadOnlyList<AttachedDocumentDto>? AttachedDocuments, int? AttachedCount, DateOnly? ResultOn, TimeOnly? ResultAt, PlaceDto? ResultPlace,
        string? AcceptedBy, string? AcceptorPhone, string? AcceptorSignature, PersonDto Applicant, PersonDto? Representative);

    /// <summary>Where the result is handed over: the Centre (annex-1 id, name and address as the decree gives them) or the Committee.</summary>
    public sealed record PlaceDto(string? CentreId, string Name, string Address);

    public sealed record PersonDto(string Name, string? ContactPerson, string? Phone);

    public sealed record MissingDocument(string Code, string TitleKk, string TitleRu);

    public sealed record IntakeRefusalReceipt(string Number, DateTimeOffset IssuedAt, string Service, string ApplicantName, string RefusedBy, PlaceDto? Centre,
        IReadOnlyList<MissingDocument> Missing);

    public static async Task<Results<CreationResult<Response>, ValidationProblem>> Handle(Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, WorkingCalendar calendar, IOptions<IntakeOptions> intake, CancellationToken ct)
    {
        if (Validate(request, Today(clock)) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        return new CreationResult<Response>(await ExecuteAsync(dataSource, http.Command("application.submit", request), request, clock, calendar, intake.Value, ct));
    }

    /// <summary>The command itself, for a request that passed <see cref="Validate"/>: officers' requests and the demo seeder run it alike.</summary>
    public static Task<CommandReply> ExecuteAsync(NpgsqlDataSource dataSource, CommandRequest command, Request request, TimeProvider clock,
        WorkingCalendar calendar, IntakeOptions intake, CancellationToken ct) =>
        Commands.RunAsync(dataSource, command, async (conn, tx, actor) =>
        {
            var service = ServiceCatalogue.Find(request.Service)!;
            var channel = Slugs.Parse<Channel>(request.Channel);
            var applicant = Applicant(request.Applicant);
            if (!Intake.MayApply(service, applicant.Type))
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Applicant not eligible",
                    $"{service.Name.Text.Ru}: applicants are {string.Join(", ", service.Applicants.Select(a => a.Slug()))}, not {applicant.Type.Slug()}.");
            if (!Intake.MayFileOn(service, applicant.Type, channel))
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Channel not available",
                    $"{service.Code} is accepted from a {applicant.Type.Slug()} at: {string.Join(", ", service.ChannelsFor(applicant.Type).Select(c => c.Slug()))}.");
            Receipts.CentreRow? centre = null;
            if (request.CentreId is { } centreId && (centre = await Receipts.CentreAsync(conn, tx, centreId, ct)) is null)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Unknown Centre", $"No Public Service Centre '{centreId}' in annex 1 (see /api/v1/centres).");
            var missing = Intake.Missing(service, channel, (request.Documents ?? []).Select(d => d.Code), applicant.Type);
            var now = clock.GetUtcNow();
            if (channel == Channel.Centre && missing.Count > 0) return await RefuseIntakeAsync(conn, tx, request, centre, missing, actor, now, ct);

            if (await Applicants.UpsertAsync(conn, tx, applicant, ct) is not { } applicantId)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Identifier held by another kind of applicant",
                    $"{request.Applicant.Identifier} is registered to an applicant who is not a {applicant.Type.Slug()}; a holder's type never changes.");
            var id = Guid.CreateVersion7();
            var submittedOn = request.SubmittedOn ?? Today(clock);
            var deadline = Deadlines.Compute(service.Deadline, submittedOn, [], calendar);
            await ApplicationRecords.InsertAsync(conn, tx, new NewApplication(id, service.Code, applicantId, channel, channel == Channel.Centre ? centre?.Id : null,
                submittedOn, actor, request.Contact?.Person, request.Contact?.Phone, request.Representative?.Name, request.Representative?.Phone,
                deadline.Due, deadline.CompletenessCheckDue, request.Sectors ?? [], request.Activities ?? [],
                [.. (request.Subjects ?? []).Select(s => (s.Name, s.Description))],
                [.. (request.Documents ?? []).DistinctBy(d => d.Code).Select(d => (d.Code, d.Title))],
                request.ExpertConclusion is { } ec ? (ec.ExpertOrganisation, ec.Number, ec.ExpertiseDate) : null), ct);

            var numbering = new PaperAtCommit(Receipts.Receipt, id, now.Year);
            var receipt = Proof(service, channel, numbering.Placeholder, now, request, centre, deadline.Due, intake.ResultReadyAt, actor);
            await Receipts.SaveAsync(conn, tx, id, receipt.Number, now, receipt, ct);
            return CommandOutcome.Success(StatusCodes.Status201Created,
                new Response(id, service.Code, ApplicationStatus.Submitted.Slug(), 1, submittedOn, deadline.Due, deadline.CompletenessCheckDue,
                    [.. missing.Select(d => d.Code)], receipt), id, $"/api/v1/applications/{id}") with { Numbering = numbering };
        }, ct);

    public static Dictionary<string, string[]> Validate(Request r, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var service = ServiceCatalogue.Find(r.Service);
        if (service is null) errors["service"] = [$"Unknown service '{r.Service}'. One of: {string.Join(", ", ServiceCatalogue.All.Select(s => s.Code))}."];
        if (!Slugs.TryParse<Channel>(r.Channel, out var channel)) errors["channel"] = [$"Channel is one of {string.Join(", ", Slugs.All<Channel>())}."];
        else if (channel == Channel.Centre && string.IsNullOrWhiteSpace(r.CentreId))
            errors["centreId"] = ["Name the Public Service Centre that takes the application (an id from /api/v1/centres): its receipt states the place."];
        if (r.SubmittedOn > today) errors["submittedOn"] = ["The submission date cannot be in the future."];
        if (!Slugs.TryParse<ApplicantType>(r.Applicant.Type, out var type))
            errors["applicant.type"] = [$"Applicant type is one of {string.Join(", ", Slugs.All<ApplicantType>())}."];
        else if (IdentifierError(type, r.Applicant.Identifier) is { } identifierError)
            errors["applicant.identifier"] = [identifierError];
        if (r.ExpertConclusion is { } ec && ec.ExpertiseDate > today) errors["expertConclusion.expertiseDate"] = ["The expertise date cannot be in the future."];
        if (service is null) return errors;
        if (service.ExpertConclusionRequired && r.ExpertConclusion is null)
            errors["expertConclusion"] = [$"{service.Code} needs the expert conclusion's organisation, number and expertise date."];
        if (channel == Channel.Committee && service.ProofOn(Channel.Committee)?.Kind == IntakeProofKind.MarkedApplicationCopy && string.IsNullOrWhiteSpace(r.AcceptorPhone))
            errors["acceptorPhone"] = [$"{service.Code}: the application copy handed back at the Committee carries the acceptor's phone number (para 14)."];
        var fields = new Dictionary<string, IReadOnlyList<string>>
        {
            ["sectors"] = r.Sectors ?? [],
            ["activities"] = r.Activities ?? [],
            ["subjects"] = [.. (r.Subjects ?? []).Select(s => s.Name)],
        };
        foreach (var (field, message) in Intake.FieldErrors(service, fields)) errors[field] = [message];
        return errors;
    }

    /// <summary>The proof the channel gives, with the fields the seed lists for it and no others.</summary>
    static IntakeProofDto Proof(ServiceDefinition service, Channel channel, string number, DateTimeOffset now, Request r, Receipts.CentreRow? centre,
        DateOnly? resultOn, TimeOnly resultAt, string actor)
    {
        var proof = service.ProofOn(channel)!;
        var applicant = new PersonDto(r.Applicant.Name, r.Contact?.Person, r.Contact?.Phone ?? r.Applicant.Phone);
        var representative = r.Representative is { } rep ? new PersonDto(rep.Name, null, rep.Phone) : null;
        var documents = r.Documents ?? [];
        var blank = new IntakeProofDto(proof.Kind, proof.Name, number, now, service.Code, service.Name.Text, channel.Slug(),
            null, null, resultOn, null, null, null, null, null, applicant, representative);
        return proof.Kind switch
        {
            IntakeProofKind.Talon => blank,
            IntakeProofKind.MarkedApplicationCopy => blank with { AcceptorPhone = r.AcceptorPhone, AcceptorSignature = actor },
            IntakeProofKind.CentreReceipt => blank with
            {
                AttachedDocuments = documents, AttachedCount = documents.Count, ResultAt = resultAt, AcceptedBy = actor,
                ResultPlace = centre is null ? null : new PlaceDto(centre.Id, centre.Name, centre.Address),
            },
            _ => blank with { ResultAt = resultAt },
        };
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

    /// <summary>A Centre does not accept an incomplete set: it records the refusal and hands over a receipt naming what is missing.</summary>
    static async Task<CommandOutcome> RefuseIntakeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Request r, Receipts.CentreRow? centre,
        IReadOnlyList<RequiredDocument> missing, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var number = await Receipts.NextNumberAsync(conn, tx, Receipts.IntakeRefusal, now.Year, ct);
        await Receipts.RecordIntakeRefusalAsync(conn, tx, id, number, r.Service, r.Applicant.Name, centre?.Id, [.. missing.Select(d => d.Code)], now, actor, ct);
        return CommandOutcome.RefuseAndRecord(422, ProblemTypes.IntakeRefused, "Intake refused: documents missing",
            $"The Centre cannot accept the application: {missing.Count} required document(s) missing.", id,
            new Dictionary<string, object?>
            {
                ["receipt"] = new IntakeRefusalReceipt(number, now, r.Service, r.Applicant.Name, actor,
                    centre is null ? null : new PlaceDto(centre.Id, centre.Name, centre.Address),
                    [.. missing.Select(d => new MissingDocument(d.Code, d.Title.Kk, d.Title.Ru))]),
            });
    }

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().Date);
}

/// <summary>Intake:ResultReadyAt — the time of day a portal notification and a Centre receipt give for the result. The
/// seed requires a date and a time (l. 252, 260) but sets no hour, so it is configuration; 09:00 opens both the
/// Committee's and the Centres' day (l. 116, 122).</summary>
public sealed class IntakeOptions
{
    public TimeOnly ResultReadyAt { get; set; } = new(9, 0);
}
