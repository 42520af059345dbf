using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Applications;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;
using Registry.Api.WriteModel;
using Registry.Projections.Postgres;
using Registry.Projections.ReadModel;

namespace Registry.Api.DemoData;

/// <summary>
/// Loads a large registry (for load tests) straight into the write tables and the PostgreSQL read model with binary
/// COPY — the one writer that bypasses the commands: a million decisions through them would take the better part of an
/// hour, and the load tests need minutes. The read rows still come from <see cref="DocumentReadRow.From"/>, the
/// projectors' own mapping. Holders come from <see cref="Population"/> (legal forms, Zipf-distributed trade words, a
/// long tail of invented names, cities under old names, individual entrepreneurs, renamed holders); documents carry
/// every status a registry holds: suspended, reinstated, revoked, deemed issued, and expired where a term is configured
/// (Documents:TermMonths). Read-model indexes are dropped during the load and rebuilt after, then VACUUM ANALYZE of every
/// table (what autovacuum would do: planner statistics and the visibility map). Documents are numbered in the years 2013–2023, so
/// they never collide with demo data or live issuance. Run: <c>make seed-large N=1000000</c>.
/// </summary>
public static class LargeDataSet
{
    const string Officer = "large-seed";

    public static async Task LoadAsync(NpgsqlDataSource dataSource, int count, DocumentTermOptions terms, DateOnly today, TextWriter progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var indexes = (await conn.QueryAsync<(string Name, string Definition)>(
            "select indexname, indexdef from pg_indexes where schemaname = 'read' and tablename = 'documents' and indexname <> 'documents_pkey'")).AsList();
        foreach (var (name, _) in indexes) await conn.ExecuteAsync($"drop index read.{name}");
        // read.search_rows is copied once after the load rather than row by row through its trigger.
        await conn.ExecuteAsync($"alter table read.documents disable trigger {PostgresDocumentProjector.SearchRowsTrigger}");
        try
        {
            await CopyAsync(conn, count, terms, today, progress, clock, ct);
        }
        finally
        {
            // Also after a load that failed part-way (a second load into a loaded database collides on the holders' BINs):
            // the read model gets its indexes and trigger back, and its copy and counts of what the committed chunks hold.
            await RestoreReadModelAsync(conn, indexes, progress, clock);
        }
        progress.WriteLine($"Loaded {count:N0} documents in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    static async Task CopyAsync(NpgsqlConnection conn, int count, DocumentTermOptions terms, DateOnly today, TextWriter progress, Stopwatch clock, CancellationToken ct)
    {
        var random = new Random(1_000_000);
        var holders = Enumerable.Range(0, Math.Max(10, count / 4)).Select(i => NewHolder(random, i)).DistinctBy(h => h.Identifier).ToList();
        await CopyHoldersAsync(conn, holders, ct);

        const int chunk = 50_000;
        var perKindYear = new Dictionary<(DocumentKind, int), long>();
        for (var done = 0; done < count; done += chunk)
        {
            var rows = Enumerable.Range(done, Math.Min(chunk, count - done)).Select(i => NewDocument(random, i, holders, perKindYear, terms, today)).ToList();
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
    }

    /// <summary>Not cancellable: a read model left without its indexes or trigger would serve search by sequential scans
    /// and miss every document projected afterwards.</summary>
    static async Task RestoreReadModelAsync(NpgsqlConnection conn, List<(string Name, string Definition)> indexes, TextWriter progress, Stopwatch clock)
    {
        for (var i = 0; i < indexes.Count; i++)
        {
            await conn.ExecuteAsync(new CommandDefinition(indexes[i].Definition, commandTimeout: 0));
            Progress(progress, i + 1, indexes.Count, clock.Elapsed, "indexes");
        }
        progress.WriteLine();
        await conn.ExecuteAsync(new CommandDefinition(PostgresDocumentProjector.RecountTerms, commandTimeout: 0));
        await conn.ExecuteAsync($"alter table read.documents enable trigger {PostgresDocumentProjector.SearchRowsTrigger}");
        await conn.ExecuteAsync(new CommandDefinition(PostgresDocumentProjector.RebuildSearchRows, commandTimeout: 0));
        // Every table, the write side's too: left to autovacuum, its passes over a million fresh rows of applications,
        // documents and their history come in the first minutes after the load, beside the first benchmark run (README
        // "Sixteenth pass": the first lag run after a load missed twice before, 474 and 479 ms, and met once after, 148 ms).
        await conn.ExecuteAsync(new CommandDefinition("vacuum analyze", commandTimeout: 0));
    }

    static void Progress(TextWriter w, long done, long total, TimeSpan elapsed, string what)
    {
        const int width = 40;
        var filled = (int)(width * done / Math.Max(1, total));
        w.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} {what}  {elapsed.TotalSeconds:F0} s ");
    }

    sealed record Holder(Guid Id, ApplicantType Type, string Identifier, string Name, string? FormerName, string Region, string City);

    sealed record Row(Guid ApplicationId, Guid DocumentId, DocumentKind Kind, string Number, DateOnly IssuedOn, DateOnly? ValidUntil, bool Deemed,
        Holder Holder, string[] Sectors, string[] Scope, IReadOnlyList<StatusChange> History)
    {
        public DocumentStatus Status => History[^1].Status;
    }

    static Holder NewHolder(Random random, int i)
    {
        var h = Population.NewHolder(random, i);
        return new Holder(Guid.CreateVersion7(), h.Type, h.Identifier, h.Name, h.FormerName, h.Region, h.City);
    }

    /// <summary>A tenth of the documents belong to the largest holders (the first percent), as in a real registry.</summary>
    static Holder PickHolder(Random random, List<Holder> holders, ServiceDefinition service)
    {
        while (true)
        {
            var holder = holders[random.Next(10) == 0 ? random.Next(Math.Max(1, holders.Count / 100)) : random.Next(holders.Count)];
            if (Intake.MayApply(service, holder.Type)) return holder;
        }
    }

    static Row NewDocument(Random random, int i, List<Holder> holders, Dictionary<(DocumentKind, int), long> sequences, DocumentTermOptions terms, DateOnly today)
    {
        var service = ServiceCatalogue.All[i % ServiceCatalogue.All.Count];
        var kind = service.Result;
        var issuedOn = new DateOnly(2013, 1, 1).AddDays(random.Next(0, 11 * 365));
        var key = (kind, issuedOn.Year);
        var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
        var validUntil = terms.ValidUntil(kind, issuedOn);
        var attestation = kind == DocumentKind.Attestation;
        var holder = PickHolder(random, holders, service);
        return new Row(Guid.CreateVersion7(), Guid.CreateVersion7(), kind, DocumentNumber.Format(kind, issuedOn.Year, sequence), issuedOn, validUntil,
            Deemed: random.Next(40) == 0, holder,
            attestation ? [DemoDataSeeder.Sectors[random.Next(DemoDataSeeder.Sectors.Length)]] : [],
            attestation ? [DemoDataSeeder.Activities[random.Next(DemoDataSeeder.Activities.Length)]]
                : kind == DocumentKind.Accreditation ? [] : [Population.Subject(random, kind, holder.City)],
            History(random, issuedOn, validUntil, today));
    }

    /// <summary>Most documents stay valid; some are suspended (and some of those reinstated), some revoked, and those with
    /// a configured term that has ended are expired — each step a history entry, as the commands would record it.</summary>
    static List<StatusChange> History(Random random, DateOnly issuedOn, DateOnly? validUntil, DateOnly today)
    {
        var history = new List<StatusChange> { new(DocumentStatus.Valid, issuedOn, null, issuedOn.ToDateTime(TimeOnly.MinValue)) };
        void Step(DocumentAction action, DateOnly on, string reason)
        {
            if (on > today || DocumentLifecycle.Apply(history[^1].Status, action).NewStatus is not { } next) return;
            history.Add(new StatusChange(next, on, reason, on.ToDateTime(TimeOnly.MinValue)));
        }
        var roll = random.Next(1000);
        var first = issuedOn.AddDays(30 + random.Next(700));
        if (roll < 70) Step(DocumentAction.Suspend, first, "Предписание");
        if (roll is >= 30 and < 60) Step(DocumentAction.Reinstate, first.AddDays(20 + random.Next(60)), "Нарушения устранены");
        if (roll is >= 60 and < 70 or >= 970) Step(DocumentAction.Revoke, first.AddDays(random.Next(90)), "Решение суда");
        if (DocumentLifecycle.TermEnded(validUntil, today)) Step(DocumentAction.Expire, validUntil!.Value.AddDays(1), DocumentLifecycle.TermEndedReason);
        return history;
    }

    static async Task CopyHoldersAsync(NpgsqlConnection conn, List<Holder> holders, CancellationToken ct)
    {
        await using (var w = await conn.BeginBinaryImportAsync(
            "copy applicants (id, identifier, identifier_kind, applicant_type, name, region) from stdin (format binary)", ct))
        {
            foreach (var h in holders)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(h.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(h.Identifier, NpgsqlDbType.Text, ct);
                await w.WriteAsync(IdentifierKind(h).Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(h.Type.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(h.Name, NpgsqlDbType.Text, ct);
                await w.WriteAsync(h.Region, NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync("copy applicant_former_names (applicant_id, name) from stdin (format binary)", ct))
        {
            foreach (var h in holders.Where(h => h.FormerName is not null))
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(h.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(h.FormerName!, NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
    }

    static IdentifierKind IdentifierKind(Holder h) => h.Type == ApplicantType.Individual ? Domain.Identifiers.IdentifierKind.Iin : Domain.Identifiers.IdentifierKind.Bin;

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
                await w.WriteAsync(Channel.Committee.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync((r.Deemed ? ApplicationStatus.DeemedIssued : ApplicationStatus.Issued).Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.IssuedOn.AddDays(-16), NpgsqlDbType.Date, ct);
                await w.WriteAsync(Officer, NpgsqlDbType.Text, ct);
                await w.WriteAsync(2, NpgsqlDbType.Integer, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "copy documents (id, application_id, kind, number, number_norm, holder_id, status, issued_on, valid_until, deemed, version) from stdin (format binary)", ct))
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
                await w.WriteAsync(r.Status.Slug(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.IssuedOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.ValidUntil, NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.Deemed, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(r.History.Count, NpgsqlDbType.Integer, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "copy document_status_history (document_id, status, effective_on, public_reason, recorded_by) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
                foreach (var change in r.History)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(r.DocumentId, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(change.Status.Slug(), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(change.EffectiveOn, NpgsqlDbType.Date, ct);
                    await w.WriteAsync(change.Reason, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(Officer, NpgsqlDbType.Text, ct);
                }
            await w.CompleteAsync(ct);
        }
    }

    static async Task CopyReadModelAsync(NpgsqlConnection conn, List<Row> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy read.documents (document_id, version, kind, number, number_norm, status, issued_on, valid_until, holder_id, holder_name, holder_identifier,
                region, sectors, name_folded, scope_folded, public_json, search_order, position) from stdin (format binary)
            """, ct);
        foreach (var r in rows)
        {
            var h = r.Holder;
            var snapshot = new DocumentSnapshot(r.DocumentId, r.History.Count, r.Kind, r.Number, r.Status, r.IssuedOn, r.ValidUntil, r.Deemed, r.ApplicationId,
                new HolderSnapshot(h.Id, h.Name, h.Identifier, IdentifierKind(h), h.Type, h.Region, h.FormerName is null ? [] : [h.FormerName]),
                r.Sectors, r.Scope, r.History);
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
            await w.WriteAsync(row.SearchOrder, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(row.Position, NpgsqlDbType.Bigint, ct);
        }
        await w.CompleteAsync(ct);
    }
}
