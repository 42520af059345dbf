using Dapper;
using Npgsql;
using Registry.Domain.Common;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Api.WriteModel;

/// <summary>An applicant as handed in: type, BIN/IIN (none for some non-residents), name and contacts.</summary>
public sealed record ApplicantRecord(ApplicantType Type, string? Identifier, string Name, string? Address, string? Phone, string? Region)
{
    public IdentifierKind IdentifierKind => Type switch
    {
        ApplicantType.Individual => IdentifierKind.Iin,
        _ when Identifier is null => IdentifierKind.None,
        _ => IdentifierKind.Bin,
    };
}

/// <summary>Applicants are identified by BIN/IIN. A new name for a known identifier keeps the old one as a former name;
/// a known identifier of another kind of holder is never taken over (an individual's record must not become a company's).</summary>
public static class Applicants
{
    const string Insert = """
        insert into applicants (id, identifier, identifier_kind, applicant_type, name, address, phone, region)
        values (@id, @Identifier, @kind, @type, @Name, @Address, @Phone, @Region)
        on conflict (identifier) do nothing
        returning id
        """;

    const string LockExisting = "select id, name, applicant_type as type from applicants where identifier = @Identifier for update";

    const string Rename = """
        insert into applicant_former_names (applicant_id, name) values (@id, @formerName) on conflict do nothing;
        """;

    const string Update = """
        update applicants set name = @Name, address = coalesce(@Address, address), phone = coalesce(@Phone, phone), region = coalesce(@Region, region)
        where id = @id
        """;

    /// <summary>The applicant's id, or null when the identifier belongs to a holder of another type.</summary>
    public static async Task<Guid?> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ApplicantRecord a, CancellationToken ct)
    {
        // Insert first: two first applications for the same new identifier meet on the unique index, and the second
        // waits for the first to commit, then finds its row below — an upsert, never a conflict.
        var id = Guid.CreateVersion7();
        var inserted = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Insert,
            new { id, a.Identifier, kind = a.IdentifierKind.Slug(), type = a.Type.Slug(), a.Name, a.Address, a.Phone, a.Region }, tx, cancellationToken: ct));
        if (inserted is not null) return inserted;

        var existing = await conn.QuerySingleAsync<Existing>(new CommandDefinition(LockExisting, new { a.Identifier }, tx, cancellationToken: ct));
        if (existing.Type != a.Type.Slug()) return null;
        var sql = existing.Name == a.Name ? Update : Rename + Update;
        await conn.ExecuteAsync(new CommandDefinition(sql, new { existing.Id, formerName = existing.Name, a.Name, a.Address, a.Phone, a.Region }, tx, cancellationToken: ct));
        return existing.Id;
    }

    sealed record Existing(Guid Id, string Name, string Type);
}
