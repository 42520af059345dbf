using System.Text.Json;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Identifiers;
using Registry.Domain.Search;
using Registry.Domain.Services;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Public;
using Registry.Projections.Queries;
using Registry.Projections.ReadModel;

namespace Registry.Api.Tests.ReadSide;

/// <summary>One mapping from the event snapshot to what both read models hold.</summary>
public sealed class ReadModelMappingTests
{
    static readonly DocumentSnapshot Snapshot = new(Guid.CreateVersion7(), 3, DocumentKind.FireEquipmentConclusion, "FEC-2026-000042", DocumentStatus.Suspended,
        new DateOnly(2026, 2, 3), new DateOnly(2031, 2, 2), false, Guid.CreateVersion7(),
        new HolderSnapshot(Guid.CreateVersion7(), "ИП Сейітқали Әлия", "870312450018", IdentifierKind.Iin, ApplicantType.Individual, "Атырау облысы",
            ["ИП Сейтқали"]),
        ["fire-safety"], ["Огнетушитель ОП-5"],
        [new StatusChange(DocumentStatus.Valid, new DateOnly(2026, 2, 3), null, DateTimeOffset.UtcNow),
         new StatusChange(DocumentStatus.Suspended, new DateOnly(2026, 5, 1), "Проверка", DateTimeOffset.UtcNow)]);

    [Fact]
    public void Every_field_of_the_search_shapes_has_a_source_in_the_read_row() => ReadModelMapping.Config.Compile();

    [Fact]
    public void The_read_row_folds_current_and_former_names_and_never_exposes_an_IIN()
    {
        var row = DocumentReadRow.From(Snapshot, 77);
        Assert.Equal(SearchText.Fold("ИП Сейітқали Әлия ИП Сейтқали"), row.NameFolded);
        Assert.Null(row.HolderIdentifier);
        Assert.Equal("87********18", PublicView.FromJson(row.PublicJson).Holder.Identifier);
        Assert.DoesNotContain("870312450018", row.PublicJson);
        Assert.Equal(("fire-equipment-conclusion", "suspended", "FEC2026000042", "2400006202CEF"), (row.Kind, row.Status, row.NumberNorm, row.NumberReversed));
    }

    [Fact]
    public void The_Elasticsearch_document_is_the_read_row_field_for_field()
    {
        var row = DocumentReadRow.From(Snapshot, 77);
        var document = RegistryIndexDocument.From(row);
        Assert.Equal((row.DocumentId.ToString(), row.Kind, row.Number, row.NumberNorm, row.NumberReversed, row.Status, "2026-02-03", "2031-02-02"),
            (document.DocumentId, document.Kind, document.Number, document.NumberNorm, document.NumberReversed, document.Status, document.IssuedOn, document.ValidUntil));
        Assert.Equal((row.HolderName, row.HolderIdentifier, row.Region, row.NameFolded, row.ScopeFolded, row.PublicJson, (long)row.Version, row.Position),
            (document.HolderName, document.HolderIdentifier, document.Region, document.NameFolded, document.ScopeFolded, document.PublicJson, document.Version, document.Position));
        Assert.Equal(row.Sectors, document.Sectors);

        Assert.Equal(row.SearchOrder, document.SearchOrder);

        var hit = document.Hit(SearchTier.Phrase);
        Assert.Equal((row.Kind, row.Number, row.Status, row.IssuedOn, row.ValidUntil, row.HolderName, SearchTier.Phrase), (hit.Kind, hit.Number, hit.Status, hit.IssuedOn, hit.ValidUntil, hit.HolderName, hit.Match));
        Assert.Equal(Snapshot.Holder.FormerNames, hit.HolderFormerNames);
    }

    [Fact]
    public void Events_round_trip_through_their_own_serializer_with_slugs_on_the_wire()
    {
        var json = new DocumentChanged("suspended", Snapshot).ToJson();
        using var parsed = JsonDocument.Parse(json);
        var document = parsed.RootElement.GetProperty("document");
        Assert.Equal("fire-equipment-conclusion", document.GetProperty("kind").GetString());
        Assert.Equal("individual", document.GetProperty("holder").GetProperty("applicantType").GetString());
        Assert.Equal("iin", document.GetProperty("holder").GetProperty("identifierKind").GetString());

        var back = DocumentChanged.FromJson(json).Document;
        Assert.Equal((Snapshot.Kind, Snapshot.Status, Snapshot.Holder.ApplicantType, Snapshot.Holder.IdentifierKind), (back.Kind, back.Status, back.Holder.ApplicantType, back.Holder.IdentifierKind));
        Assert.Equal(Snapshot.History.Select(h => (h.Status, h.EffectiveOn, h.Reason)), back.History.Select(h => (h.Status, h.EffectiveOn, h.Reason)));
    }
}
