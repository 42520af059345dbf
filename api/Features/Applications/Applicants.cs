using Dapper;
using Npgsql;

namespace Registry.Api.Features.Applications;

/// <summary>Applicants are identified by BIN/IIN; a new name for a known identifier keeps the old one as a former name.</summary>
static class Applicants
{
    public static async Task<Guid> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SubmitApplication.ApplicantDto a, CancellationToken ct)
    {
        var kind = a.Type switch { "individual" => "iin", _ when a.Identifier is null => "none", _ => "bin" };
        if (a.Identifier is null) return await InsertAsync(conn, tx, a, kind, ct);

        var existing = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Name)?>(new CommandDefinition(
            "select id, name from applicants where identifier = @Identifier for update", new { a.Identifier }, tx, cancellationToken: ct));
        if (existing is null) return await InsertAsync(conn, tx, a, kind, ct);

        var (id, name) = existing.Value;
        if (name != a.Name)
            await conn.ExecuteAsync(new CommandDefinition(
                "insert into applicant_former_names (applicant_id, name) values (@id, @name) on conflict do nothing", new { id, name }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            update applicants set name = @Name, address = coalesce(@Address, address), phone = coalesce(@Phone, phone), region = coalesce(@Region, region)
            where id = @id
            """, new { id, a.Name, a.Address, a.Phone, a.Region }, tx, cancellationToken: ct));
        return id;
    }

    static async Task<Guid> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SubmitApplication.ApplicantDto a, string kind, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into applicants (id, identifier, identifier_kind, applicant_type, name, address, phone, region)
            values (@id, @Identifier, @kind, @Type, @Name, @Address, @Phone, @Region)
            """, new { id, a.Identifier, kind, a.Type, a.Name, a.Address, a.Phone, a.Region }, tx, cancellationToken: ct));
        return id;
    }
}
