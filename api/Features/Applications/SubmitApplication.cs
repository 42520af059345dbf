using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Features.Services;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;
using Registry.Domain.Identifiers;

namespace Registry.Api.Features.Applications;

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
    /// optional for a non-resident.</summary>
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

    public static async Task<IResult> Handle(Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var service = ServiceCatalogue.Find(request.Service);
        if (Validate(request, service, today) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        var channel = Enum.Parse<Channel>(request.Channel, ignoreCase: true);
        if (!Intake.MayApply(service!, ParseApplicantType(request.Applicant.Type)))
            return ProblemTypes.Problem(422, ProblemTypes.RuleViolation, "Applicant not eligible",
                $"{service!.Name.Ru}: applicants are {string.Join(", ", service.Applicants.Select(ServicesModule.Slug))}, not {request.Applicant.Type}.");
        if (!service!.Channels.Contains(channel))
            return ProblemTypes.Problem(422, ProblemTypes.RuleViolation, "Channel not available",
                $"{service.Code} is accepted at: {string.Join(", ", service.Channels.Select(ServicesModule.Slug))}.");
        var missing = Intake.Missing(service, channel, (request.Documents ?? []).Select(d => d.Code));

        return await Commands.RunAsync("application.submit", request, http, dataSource, async (conn, tx, actor) =>
        {
            if (channel == Channel.Centre && missing.Count > 0) return await RefuseIntakeAsync(conn, tx, request, missing, actor, clock.GetUtcNow(), ct);

            var id = Guid.CreateVersion7();
            var submittedOn = request.SubmittedOn ?? today;
            var deadline = Deadlines.Compute(service.Deadline, submittedOn, [], calendar);
            var applicantId = await Applicants.UpsertAsync(conn, tx, request.Applicant, ct);
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into applications (id, service, applicant_id, channel, status, submitted_on, accepted_by, contact_person, contact_phone, deadline_on, completeness_due_on)
                values (@id, @Service, @applicantId, @channel, 'submitted', @submittedOn, @actor, @person, @phone, @due, @completenessDue)
                """, new { id, request.Service, applicantId, channel = ServicesModule.Slug(channel), submittedOn, actor, person = request.Contact?.Person, phone = request.Contact?.Phone,
                    due = deadline.Due, completenessDue = deadline.CompletenessCheckDue }, tx, cancellationToken: ct));
            await InsertDetailsAsync(conn, tx, id, request, ct);

            var receipt = await IssueReceiptAsync(conn, tx, id, request, actor, clock.GetUtcNow(), deadline.Due, ct);
            return CommandOutcome.Success(StatusCodes.Status201Created,
                new Response(id, request.Service, "submitted", 1, submittedOn, deadline.Due, deadline.CompletenessCheckDue,
                    [.. missing.Select(d => d.Code)], receipt), id, $"/api/v1/applications/{id}");
        }, ct);
    }

    static Dictionary<string, string[]> Validate(Request r, ServiceDefinition? service, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (service is null) errors["service"] = [$"Unknown service '{r.Service}'. One of: {string.Join(", ", ServiceCatalogue.All.Select(s => s.Code))}."];
        if (!Enum.TryParse<Channel>(r.Channel, ignoreCase: true, out _)) errors["channel"] = ["Channel must be committee, centre or portal."];
        if (r.SubmittedOn > today) errors["submittedOn"] = ["The submission date cannot be in the future."];
        if (r.Applicant.Type is not ("legal-entity" or "individual" or "non-resident"))
            errors["applicant.type"] = ["Applicant type must be legal-entity, individual or non-resident."];
        else if (r.Applicant.Type != "non-resident" && !TaxpayerNumber.IsValid(r.Applicant.Identifier))
            errors["applicant.identifier"] = [$"{(r.Applicant.Type == "individual" ? "An IIN" : "A BIN")} is 12 digits with a valid check digit."];
        else if (r.Applicant.Type == "non-resident" && r.Applicant.Identifier is { } id && !TaxpayerNumber.IsValid(id))
            errors["applicant.identifier"] = ["A non-resident's BIN, when given, is 12 digits with a valid check digit."];
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

    static ApplicantType ParseApplicantType(string type) => type switch
    {
        "legal-entity" => ApplicantType.LegalEntity,
        "individual" => ApplicantType.Individual,
        _ => ApplicantType.NonResident,
    };

    /// <summary>A Centre does not accept an incomplete set: it records the refusal and hands over a receipt naming what is missing.</summary>
    static async Task<CommandOutcome> RefuseIntakeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Request r, IReadOnlyList<RequiredDocument> missing,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var number = $"RFI-{now.Year:D4}-{await NumberSequences.NextAsync(conn, tx, "intake-refusal", now.Year, ct):D6}";
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into intake_refusals (id, number, service, applicant_name, missing_documents, refused_at, refused_by)
            values (@id, @number, @Service, @name, @codes, @now, @actor)
            """, new { id, number, r.Service, name = r.Applicant.Name, codes = missing.Select(d => d.Code).ToArray(), now, actor }, tx, cancellationToken: ct));
        return CommandOutcome.RefuseAndRecord(422, ProblemTypes.IntakeRefused, "Intake refused: documents missing",
            $"The Centre cannot accept the application: {missing.Count} required document(s) missing.", id,
            new Dictionary<string, object?>
            {
                ["receipt"] = new IntakeRefusalReceipt(number, now, r.Service, r.Applicant.Name, actor,
                    [.. missing.Select(d => new MissingDocument(d.Code, d.Title.Kk, d.Title.Ru))]),
            });
    }

    public sealed record MissingDocument(string Code, string TitleKk, string TitleRu);

    public sealed record IntakeRefusalReceipt(string Number, DateTimeOffset IssuedAt, string Service, string ApplicantName, string RefusedBy, IReadOnlyList<MissingDocument> Missing);

    static async Task InsertDetailsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, Request r, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("insert into application_sectors (application_id, sector) select @id, unnest(@sectors) on conflict do nothing",
            new { id, sectors = (r.Sectors ?? []).Distinct().ToArray() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("insert into application_activities (application_id, activity) select @id, unnest(@activities) on conflict do nothing",
            new { id, activities = (r.Activities ?? []).Distinct().ToArray() }, tx, cancellationToken: ct));
        var subjects = r.Subjects ?? [];
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into application_subjects (application_id, ordinal, name, description)
            select @id, s.ordinal, s.name, s.description from unnest(@names, @descriptions) with ordinality as s(name, description, ordinal)
            """, new { id, names = subjects.Select(s => s.Name).ToArray(), descriptions = subjects.Select(s => s.Description).ToArray() }, tx, cancellationToken: ct));
        var documents = (r.Documents ?? []).DistinctBy(d => d.Code).ToArray();
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into application_documents (application_id, code, title, provided_at) select @id, c, t, now() from unnest(@codes, @titles) as d(c, t)
            """, new { id, codes = documents.Select(d => d.Code).ToArray(), titles = documents.Select(d => d.Title).ToArray() }, tx, cancellationToken: ct));
        if (r.ExpertConclusion is { } ec)
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into expert_conclusions (application_id, expert_organisation, conclusion_number, expertise_date) values (@id, @ExpertOrganisation, @Number, @ExpertiseDate)
                """, new { id, ec.ExpertOrganisation, ec.Number, ec.ExpertiseDate }, tx, cancellationToken: ct));
    }

    static async Task<Receipt> IssueReceiptAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, Request r, string actor, DateTimeOffset now, DateOnly? deadline, CancellationToken ct)
    {
        var sequence = await NumberSequences.NextAsync(conn, tx, "receipt", now.Year, ct);
        var documents = r.Documents ?? [];
        var receipt = new Receipt($"RCP-{now.Year:D4}-{sequence:D6}", now, r.Service, r.Channel, documents, documents.Count,
            deadline, r.Channel switch { "centre" => "the Public Service Centre that accepted the application", "portal" => "the applicant's personal cabinet on the portal", _ => "the Committee office" },
            actor, r.Applicant.Name, r.Contact?.Phone ?? r.Applicant.Phone);
        await conn.ExecuteAsync(new CommandDefinition("insert into receipts (application_id, number, issued_at, body) values (@id, @Number, @IssuedAt, @body::jsonb)",
            new { id, receipt.Number, receipt.IssuedAt, body = JsonSerializer.Serialize(receipt, JsonSerializerOptions.Web) }, tx, cancellationToken: ct));
        return receipt;
    }
}
