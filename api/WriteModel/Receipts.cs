using System.Text.Json;
using Dapper;
using Npgsql;

namespace Registry.Api.WriteModel;

/// <summary>Proofs handed to applicants: the receipt for an accepted application, and the receipt a Centre gives when
/// it refuses intake for missing documents (no application is created then, but the refusal is kept).</summary>
public static class Receipts
{
    public const string Receipt = "RCP";
    public const string IntakeRefusal = "RFI";

    /// <summary>RCP-2026-000123 (a receipt) or RFI-2026-000045 (an intake refusal): gap-free per year.</summary>
    public static async Task<string> NextNumberAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string prefix, DateTimeOffset now, CancellationToken ct) =>
        $"{prefix}-{now.Year:D4}-{await NumberSequences.NextAsync(conn, tx, prefix == Receipt ? "receipt" : "intake-refusal", now.Year, ct):D6}";

    public static Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid applicationId, string number, DateTimeOffset issuedAt, object body, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("insert into receipts (application_id, number, issued_at, body) values (@applicationId, @number, @issuedAt, @body::jsonb)",
            new { applicationId, number, issuedAt, body = JsonSerializer.Serialize(body, JsonSerializerOptions.Web) }, tx, cancellationToken: ct));

    public static Task RecordIntakeRefusalAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, string number, string service, string applicantName,
        IReadOnlyList<string> missing, DateTimeOffset refusedAt, string actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into intake_refusals (id, number, service, applicant_name, missing_documents, refused_at, refused_by)
            values (@id, @number, @service, @applicantName, @missing, @refusedAt, @actor)
            """, new { id, number, service, applicantName, missing = missing.ToArray(), refusedAt, actor }, tx, cancellationToken: ct));
}
