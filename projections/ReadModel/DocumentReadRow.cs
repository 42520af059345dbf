using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Search;
using Registry.Projections.Public;

namespace Registry.Projections.ReadModel;

/// <summary>
/// The one mapping from a document's event snapshot to what the public read models hold: the PostgreSQL projector
/// upserts it into read.documents, the Elasticsearch projector indexes it, the bulk loader copies it. Names are folded
/// with former names included, the number is normalised, only a BIN is searchable, and the public JSON is pre-rendered.
/// </summary>
public sealed record DocumentReadRow(
    Guid DocumentId,
    int Version,
    string Kind,
    string Number,
    string NumberNorm,
    string Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    Guid HolderId,
    string HolderName,
    string? HolderIdentifier,
    string? Region,
    IReadOnlyList<string> Sectors,
    string NameFolded,
    string ScopeFolded,
    string PublicJson,
    long Position)
{
    /// <summary>The number read backwards, so "the last digits of a number" is a prefix search.</summary>
    public string NumberReversed => new([.. NumberNorm.Reverse()]);

    public static DocumentReadRow From(DocumentSnapshot d, long position) => new(
        d.DocumentId, d.Version, d.Kind.Slug(), d.Number, DocumentNumber.Normalize(d.Number), d.Status.Slug(), d.IssuedOn, d.ValidUntil,
        d.Holder.Id, d.Holder.Name, PublicView.SearchableIdentifier(d.Holder), d.Holder.Region, d.Sectors,
        SearchText.Fold(string.Join(' ', d.Holder.FormerNames.Prepend(d.Holder.Name))),
        SearchText.Fold(string.Join(' ', d.Sectors.Concat(d.Scope))),
        PublicView.ToJson(PublicView.From(d)), position);
}
