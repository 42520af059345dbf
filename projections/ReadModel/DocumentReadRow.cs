using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Search;
using Registry.Domain.Services;
using Registry.Projections.Public;

namespace Registry.Projections.ReadModel;

/// <summary>
/// The one mapping from a document's event snapshot to what the public read models hold: the PostgreSQL projector
/// upserts it into read.documents, the Elasticsearch projector indexes it, the bulk loader copies it. Names are folded
/// with former names included, the number is normalised, only a BIN is searchable, and the public JSON is pre-rendered.
/// Searchable scope is what people name — devices, products, objects, sectors and activities by their Kazakh and Russian
/// names — not the English codes a client may send for them (<see cref="ScopeCodes"/>): "gas" must not find every
/// document coded oil-and-gas.
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
    long SearchOrder,
    long Position)
{
    /// <summary>The number read backwards, so "the last digits of a number" is a prefix search.</summary>
    public string NumberReversed => new([.. NumberNorm.Reverse()]);

    public static DocumentReadRow From(DocumentSnapshot d, long position) => new(
        d.DocumentId, d.Version, d.Kind.Slug(), d.Number, DocumentNumber.Normalize(d.Number), d.Status.Slug(), d.IssuedOn, d.ValidUntil,
        d.Holder.Id, d.Holder.Name, PublicView.SearchableIdentifier(d.Holder), d.Holder.Region, d.Sectors,
        SearchText.Fold(string.Join(' ', d.Holder.FormerNames.Prepend(d.Holder.Name))),
        SearchText.Fold(string.Join(' ', d.Sectors.Concat(d.Scope).Select(ScopeCodes.Words))),
        PublicView.ToJson(PublicView.From(d)), SearchRanking.Order(d.Status, d.IssuedOn), position);
}
