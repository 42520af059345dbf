using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;
using Registry.Projections.ReadModel;

namespace Registry.Api.DemoData;

/// <summary>
/// Loads a large registry (for load tests) straight into the write tables and the PostgreSQL read model with binary
/// COPY — the one writer that bypasses the commands: a million decisions through them would take the better part of an
/// hour, and the load tests need minutes. The read rows still come from <see cref="DocumentReadRow.From"/>, the
/// projectors' own mapping. Read-model indexes are dropped during the load and rebuilt after, then ANALYZE. Documents are numbered in the
/// years 2013–2023, so they never collide with demo data or live issuance. Run: <c>make seed-large N=1000000</c>.
/// </summary>
public static class LargeDataSet
{
    const string Officer = "large-seed";

    public static async Task LoadAsync(NpgsqlDataSource dataSource, int count, TextWriter progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var indexes = (await conn.QueryAsync<(string Name, string Definition)>(
            "select indexname, indexdef from pg_indexes where schemaname = 'read' and tablename = 'documents' and indexname <> 'documents_pkey'")).AsList();
        foreach (var (name, _) in indexes) await conn.ExecuteAsync($"drop index read.{name}");

        var random = new Random(1_000_000);
        var holders = Enumerable.Range(0, Math.Max(10, count / 4)).Select(i => NewHolder(random, i)).ToList();
        await CopyHoldersAsync(conn, holders, ct);

        const int chunk = 50_000;
        var perKindYear = new Dictionary<(DocumentKind, int), long>();
        for (var done = 0; done < count; done += chunk)
        {
            var rows = Enumerable.Range(done, Math.Min(chunk, count - done)).Select(i => NewDocument(random, i, holders, perKindYear)).ToList();
            await using var tx = await conn.BeginTransactionAsync(ct);
            await CopyWriteSideAsync(conn, rows, ct);
            await CopyReadModelAsync(conn, rows, ct);
            await tx.CommitAsync(ct);
            Progress(progress, done + rows.Count, count, clock.Elapsed, "documents");
        }
        progress.WriteLine();

        foreach (var (key, last) in perKindYear)
            await conn.ExecuteAsync("""
                insert into number_sequences (kind, year, last) values (@kind, @year, @last)
                on conflict (kind, year) do update set last = greatest(number_sequences.last, excluded.last)
                """, new { kind = key.Item1.Slug(), year = key.Item2, last });
        for (var i = 0; i < indexes.Count; i++)
        {
            await conn.ExecuteAsync(new CommandDefinition(indexes[i].Definition, commandTimeout: 0, cancellationToken: ct));
            Progress(progress, i + 1, indexes.Count, clock.Elapsed, "indexes");
        }
        progress.WriteLine();
        await conn.ExecuteAsync(new CommandDefinition("analyze applicants; analyze applications; analyze documents; analyze read.documents", commandTimeout: 0, cancellationToken: ct));
        progress.WriteLine($"Loaded {count:N0} documents in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    static void Progress(TextWriter w, long done, long total, TimeSpan elapsed, string what)
    {
        const int width = 40;
        var filled = (int)(width * done / Math.Max(1, total));
        w.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} {what}  {elapsed.TotalSeconds:F0} s ");
    }

    sealed record Holder(Guid Id, string Bin, string Name, string Region);

    sealed record Row(Guid ApplicationId, Guid DocumentId, DocumentKind Kind, string Number, DateOnly IssuedOn, Holder Holder, string Sector, string Scope);

    static Holder NewHolder(Random random, int i)
    {
        var demo = DemoDataSeeder.NewHolder(random, i);
        return new Holder(Guid.CreateVersion7(), demo.Identifier!, demo.Name, demo.Region!);
    }

    static Row NewDocument(Random random, int i, List<Holder> holders, Dictionary<(DocumentKind, int), long> sequences)
    {
        var kind = DocumentKinds.All[i % DocumentKinds.All.Count];
        var issuedOn = new DateOnly(2013, 1, 1).AddDays(random.Next(0, 11 * 365));
        var key = (kind, issuedOn.Year);
        var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
        return new Row(Guid.CreateVersion7(), Guid.CreateVersion7(), kind, DocumentNumber.Format(kind, issuedOn.Year, sequence), issuedOn,
            holders[random.Next(holders.Count)], ServiceCatalogue.Sectors[random.Next(ServiceCatalogue.Sectors.Count)],
            DemoDataSeeder.Subjects[random.Next(DemoDataSeeder.Subjects.Length)]);
    }

    static async Task CopyHoldersAsync(NpgsqlConnection conn, List<Holder> holders, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "copy applicants (id, identifier, identifier_kind, applicant_type, name, region) from stdin (format binary)", ct);
        foreach (var h in holders.DistinctBy(h => h.Bin))
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(h.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(h.Bin, NpgsqlDbType.Text, ct);
            await w.WriteAsync(IdentifierKind.Bin.Slug(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(ApplicantType.LegalEntity.Slug(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(h.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(h.Region, NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
        // Holders that drew an existing BIN point at the first holder with it.
        var first = holders.GroupBy(h => h.Bin).ToDictionary(g => g.Key, g => g.First().Id);
        for (var i = 0; i < holders.Count; i++) holders[i] = holders[i] with { Id = first[holders[i].Bin] };
    }

    static async Task CopyWriteSideAsync(NpgsqlConnection conn, List<Row> rows, CancellationToken ct)
    {
        await using (var w = await conn.BeginBinaryImportAsync(
            "copy applications (id, service, applicant_id, channel, status, submitted_on, accepted_by, version) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.ApplicationId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(r.Kind.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.Holder.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync("committee", NpgsqlDbType.Text, ct);
                await w.WriteAsync(Registry.Domain.Applications.ApplicationStatus.Issued.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.IssuedOn.AddDays(-12), NpgsqlDbType.Date, ct);
                await w.WriteAsync(Officer, NpgsqlDbType.Text, ct);
                await w.WriteAsync(2, NpgsqlDbType.Integer, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "copy documents (id, application_id, kind, number, number_norm, holder_id, status, issued_on, version) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.DocumentId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(r.ApplicationId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(r.Kind.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.Number, NpgsqlDbType.Text, ct);
                await w.WriteAsync(DocumentNumber.Normalize(r.Number), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.Holder.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(DocumentStatus.Valid.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.IssuedOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(1, NpgsqlDbType.Integer, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "copy document_status_history (document_id, status, effective_on, recorded_by) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.DocumentId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(DocumentStatus.Valid.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.IssuedOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(Officer, NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
    }

    static async Task CopyReadModelAsync(NpgsqlConnection conn, List<Row> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy read.documents (document_id, version, kind, number, number_norm, status, issued_on, valid_until, holder_id, holder_name, holder_identifier,
                region, sectors, name_folded, scope_folded, public_json, position) from stdin (format binary)
            """, ct);
        foreach (var r in rows)
        {
            var snapshot = new DocumentSnapshot(r.DocumentId, 1, r.Kind, r.Number, DocumentStatus.Valid, r.IssuedOn, null, false, r.ApplicationId,
                new HolderSnapshot(r.Holder.Id, r.Holder.Name, r.Holder.Bin, IdentifierKind.Bin, ApplicantType.LegalEntity, r.Holder.Region, []),
                [r.Sector], [r.Scope], [new StatusChange(DocumentStatus.Valid, r.IssuedOn, null, DateTimeOffset.UtcNow)]);
            var row = DocumentReadRow.From(snapshot, 0);
            await w.StartRowAsync(ct);
            await w.WriteAsync(row.DocumentId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(row.Version, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(row.Kind, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.Number, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.NumberNorm, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.Status, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.IssuedOn, NpgsqlDbType.Date, ct);
            await w.WriteAsync(row.ValidUntil, NpgsqlDbType.Date, ct);
            await w.WriteAsync(row.HolderId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(row.HolderName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.HolderIdentifier, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.Region, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.Sectors.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.NameFolded, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.ScopeFolded, NpgsqlDbType.Text, ct);
            await w.WriteAsync(row.PublicJson, NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(row.Position, NpgsqlDbType.Bigint, ct);
        }
        await w.CompleteAsync(ct);
    }
}
