using Dapper;
using Npgsql;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Events;
using Registry.Domain.Events.V1;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Api.WriteModel;

/// <summary>Appends events to the outbox inside the command's transaction, with its commit (<see cref="WritesAtCommit"/>).
/// The NOTIFY is delivered only if the transaction commits, and it only wakes the projectors: they read the table.</summary>
public static class Outbox
{
    const string Snapshot = """
        select d.id as documentid, d.version, d.kind, d.number, d.status, d.issued_on as issuedon, d.valid_until as validuntil, d.deemed,
               d.application_id as applicationid, a.id as holderid, a.name as holdername, a.identifier, a.identifier_kind as identifierkind,
               a.applicant_type as applicanttype, a.region,
               array(select f.name from applicant_former_names f where f.applicant_id = a.id order by f.replaced_at, f.name) as formernames,
               array(select s.sector from application_sectors s where s.application_id = d.application_id order by s.sector) as sectors,
               array(select x.activity from application_activities x where x.application_id = d.application_id order by x.activity)
                 || array(select j.name from application_subjects j where j.application_id = d.application_id order by j.ordinal) as scope,
               array(select u.issued_on from document_duplicates u where u.document_id = d.id and u.issued_on is not null order by u.ordinal) as duplicatesissuedon
        from documents d join applicants a on a.id = d.holder_id
        where d.id = @documentId;
        select status, effective_on as effectiveon, public_reason as reason, recorded_at as recordedat
        from document_status_history where document_id = @documentId order by effective_on, id;
        """;

    const string Insert = $"""
        insert into outbox (type, aggregate_id, payload) values (@type, @aggregateId, @payload::jsonb);
        notify {OutboxChannel.Name}
        """;

    /// <summary>Records that a document changed, with its full current state as of this transaction. <paramref name="writeFirst"/>
    /// (with <paramref name="writeParameters"/>) runs in the same round trip just before the state is read.</summary>
    public static async Task AppendDocumentChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid documentId, string change, CancellationToken ct,
        string? writeFirst = null, object? writeParameters = null)
    {
        var parameters = new DynamicParameters(writeParameters);
        parameters.Add("documentId", documentId);
        var sql = writeFirst is null ? Snapshot : $"{writeFirst.TrimEnd().TrimEnd(';')};\n{Snapshot}";
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        var d = await grid.ReadSingleAsync<SnapshotRow>();
        var history = (await grid.ReadAsync<HistoryRow>()).Select(h => new StatusChange(Slugs.Parse<DocumentStatus>(h.Status), h.EffectiveOn, h.Reason, h.RecordedAt)).ToList();
        await grid.DisposeAsync();

        var snapshot = new DocumentSnapshot(d.DocumentId, d.Version, Slugs.Parse<DocumentKind>(d.Kind), d.Number, Slugs.Parse<DocumentStatus>(d.Status),
            d.IssuedOn, d.ValidUntil, d.Deemed, d.ApplicationId,
            new HolderSnapshot(d.HolderId, d.HolderName, d.Identifier, Slugs.Parse<IdentifierKind>(d.IdentifierKind), Slugs.Parse<ApplicantType>(d.ApplicantType),
                d.Region, d.FormerNames),
            d.Sectors, d.Scope, history, d.DuplicatesIssuedOn);
        var payload = new DocumentChanged(change, snapshot).ToJson();
        Append(tx, DocumentChanged.Type, documentId, payload);
    }

    /// <summary>Appends an event with the commit (<see cref="WritesAtCommit"/>).</summary>
    public static void Append(NpgsqlTransaction tx, string type, Guid aggregateId, string payload) =>
        WritesAtCommit.Add(tx, Insert, new { type, aggregateId, payload });

    /// <summary>A class, not a positional record: Dapper reads PostgreSQL arrays as System.Array and only converts them
    /// when assigning properties.</summary>
    sealed class SnapshotRow
    {
        public Guid DocumentId { get; init; }
        public int Version { get; init; }
        public string Kind { get; init; } = "";
        public string Number { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly IssuedOn { get; init; }
        public DateOnly? ValidUntil { get; init; }
        public bool Deemed { get; init; }
        public Guid ApplicationId { get; init; }
        public Guid HolderId { get; init; }
        public string HolderName { get; init; } = "";
        public string? Identifier { get; init; }
        public string IdentifierKind { get; init; } = "";
        public string ApplicantType { get; init; } = "";
        public string? Region { get; init; }
        public string[] FormerNames { get; init; } = [];
        public string[] Sectors { get; init; } = [];
        public string[] Scope { get; init; } = [];
        public DateOnly[] DuplicatesIssuedOn { get; init; } = [];
    }

    sealed record HistoryRow(string Status, DateOnly EffectiveOn, string? Reason, DateTime RecordedAt);
}
