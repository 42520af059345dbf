using System.Text.Json;
using Dapper;
using Npgsql;

namespace Registry.Api.WriteModel;

/// <summary>Papers handed to applicants, each numbered: the proof of intake for an accepted application, the receipt a
/// Centre gives when it refuses intake for missing documents (no application is created then, but the refusal is kept),
/// a reasoned refusal notice, and the notice that an electronic request was not accepted.</summary>
public static class Receipts
{
    public const string Receipt = "RCP";
    public const string IntakeRefusal = "RFI";
    public const string RefusalNotice = "RFN";
    public const string ElectronicRequestRefusal = "ERN";

    static readonly Dictionary<string, string> Counters = new()
    {
        [Receipt] = "receipt", [IntakeRefusal] = "intake-refusal", [RefusalNotice] = "refusal-notice", [ElectronicRequestRefusal] = "electronic-request-refusal",
    };

    /// <summary>The counter (number_sequences.kind) of a paper's prefix.</summary>
    public static string Counter(string prefix) => Counters[prefix];

    /// <summary>RCP-2026-000123, RFI-2026-000045, RFN-2026-000007, ERN-2026-000002: gap-free per kind and year.</summary>
    public static async Task<string> NextNumberAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string prefix, int year, CancellationToken ct) =>
        $"{prefix}-{year:D4}-{await NumberSequences.NextAsync(conn, tx, Counters[prefix], year, ct):D6}";

    /// <summary>An accepted application's proof of intake, numbered with the commit (<see cref="PaperAtCommit"/>).</summary>
    public static Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid applicationId, string number, DateTimeOffset issuedAt, object body, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("insert into receipts (application_id, number, issued_at, body) values (@applicationId, @number, @issuedAt, @body::jsonb)",
            new { applicationId, number, issuedAt, body = JsonSerializer.Serialize(body, JsonSerializerOptions.Web) }, tx, cancellationToken: ct));

    public static Task RecordIntakeRefusalAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, string number, string service, string applicantName,
        string? centreId, IReadOnlyList<string> missing, DateTimeOffset refusedAt, string actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into intake_refusals (id, number, service, applicant_name, centre_id, missing_documents, refused_at, refused_by)
            values (@id, @number, @service, @applicantName, @centreId, @missing, @refusedAt, @actor)
            """, new { id, number, service, applicantName, centreId, missing = missing.ToArray(), refusedAt, actor }, tx, cancellationToken: ct));

    public static Task RecordElectronicRequestRefusalAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, string number, string service, string ground,
        string applicantName, DateTimeOffset receivedAt, string actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into electronic_request_refusals (id, number, service, ground, applicant_name, received_at, recorded_by)
            values (@id, @number, @service, @ground, @applicantName, @receivedAt, @actor)
            """, new { id, number, service, ground, applicantName, receivedAt, actor }, tx, cancellationToken: ct));

    /// <summary>A Public Service Centre of annex 1, as a receipt names it; null when no such Centre exists.</summary>
    public static Task<CentreRow?> CentreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<CentreRow>(new CommandDefinition("select id, name, address from centres where id = @id", new { id }, tx, cancellationToken: ct));

    public sealed record CentreRow(string Id, string Name, string Address);
}
