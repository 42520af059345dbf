using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;
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

    public sealed record Response(Guid Id, string Service, string Status, int Version, DateOnly SubmittedOn, DateOnly? DeadlineOn, Receipt Receipt);

    /// <summary>The talon / receipt (қолхат) the decree requires: number and date, service, attached documents, where and
    /// when the result is ready, who accepted the documents.</summary>
    public sealed record Receipt(string Number, DateTimeOffset IssuedAt, string Service, string Channel, IReadOnlyList<AttachedDocumentDto> AttachedDocuments,
        int AttachedCount, DateOnly? ResultReadyOn, string ResultCollectedAt, string AcceptedBy, string ApplicantName, string? ApplicantPhone);

    static readonly string[] Channels = ["committee", "centre", "portal"];
    static readonly string[] ApplicantTypes = ["legal-entity", "individual", "non-resident"];

    public static async Task<IResult> Handle(Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (Validate(request, today) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return await Commands.RunAsync("application.submit", request, http, dataSource, async (conn, tx, actor) =>
        {
            var id = Guid.CreateVersion7();
            var submittedOn = request.SubmittedOn ?? today;
            var applicantId = await Applicants.UpsertAsync(conn, tx, request.Applicant, ct);
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into applications (id, service, applicant_id, channel, status, submitted_on, accepted_by, contact_person, contact_phone)
                values (@id, @Service, @applicantId, @Channel, 'submitted', @submittedOn, @actor, @person, @phone)
                """, new { id, request.Service, applicantId, request.Channel, submittedOn, actor, person = request.Contact?.Person, phone = request.Contact?.Phone },
                tx, cancellationToken: ct));
            await InsertDetailsAsync(conn, tx, id, request, ct);

            var receipt = await IssueReceiptAsync(conn, tx, id, request, actor, clock.GetUtcNow(), deadline: null, ct);
            return CommandOutcome.Success(StatusCodes.Status201Created,
                new Response(id, request.Service, "submitted", 1, submittedOn, null, receipt), id, $"/api/v1/applications/{id}");
        }, ct);
    }

    static Dictionary<string, string[]> Validate(Request r, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DocumentKinds.TryParseSlug(r.Service, out _))
            errors["service"] = [$"Unknown service '{r.Service}'. One of: {string.Join(", ", DocumentKinds.All.Select(k => k.Slug()))}."];
        if (!Channels.Contains(r.Channel)) errors["channel"] = ["Channel must be committee, centre or portal."];
        if (r.SubmittedOn > today) errors["submittedOn"] = ["The submission date cannot be in the future."];
        if (!ApplicantTypes.Contains(r.Applicant.Type)) errors["applicant.type"] = ["Applicant type must be legal-entity, individual or non-resident."];
        else if (r.Applicant.Type != "non-resident" && !TaxpayerNumber.IsValid(r.Applicant.Identifier))
            errors["applicant.identifier"] = [$"A {(r.Applicant.Type == "individual" ? "IIN" : "BIN")} is 12 digits with a valid check digit."];
        else if (r.Applicant.Type == "non-resident" && r.Applicant.Identifier is { } id && !TaxpayerNumber.IsValid(id))
            errors["applicant.identifier"] = ["A non-resident's BIN, when given, is 12 digits with a valid check digit."];
        if (r.ExpertConclusion is { } ec && ec.ExpertiseDate > today) errors["expertConclusion.expertiseDate"] = ["The expertise date cannot be in the future."];
        return errors;
    }

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
