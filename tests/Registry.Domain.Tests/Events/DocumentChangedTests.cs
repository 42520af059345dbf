using System.Text.Json;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Domain.Tests.Events;

/// <summary>The outbox's wire format for document-changed.v1: what the write side appends, the projectors read back.</summary>
public sealed class DocumentChangedTests
{
    static readonly DocumentChanged Suspended = new("suspended", new DocumentSnapshot(
        Guid.Parse("6f1c0e52-2b7a-4c55-9a43-0d1c9b7e1a01"), 2, DocumentKind.FireEquipmentConclusion, "FEC-2026-000012", DocumentStatus.Suspended,
        new DateOnly(2026, 3, 2), null, Deemed: false, Guid.Parse("0b8f2f4e-91a5-4d0f-8a55-3f4b2c1d9e02"),
        new HolderSnapshot(Guid.Parse("5a0e7c3d-6b1f-4f2e-9c8d-7e6f5a4b3c03"), "ТОО «Пример»", "990140000017", IdentifierKind.Bin, ApplicantType.LegalEntity,
            "Астана", []),
        [], ["Огнетушитель ОП-5"],
        [
            new StatusChange(DocumentStatus.Valid, new DateOnly(2026, 3, 2), null, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)),
            new StatusChange(DocumentStatus.Suspended, new DateOnly(2026, 4, 1), "Проверка", new DateTimeOffset(2026, 4, 1, 10, 30, 0, TimeSpan.Zero)),
        ]));

    [Fact]
    public void An_event_reads_back_as_it_was_written()
    {
        var read = DocumentChanged.FromJson(Suspended.ToJson());
        Assert.Equal(Suspended.ToJson(), read.ToJson()); // nothing lost or changed on the way
        Assert.Equal(Suspended.Document.History, read.Document.History);
        Assert.Equal((DocumentKind.FireEquipmentConclusion, DocumentStatus.Suspended, "ТОО «Пример»"), (read.Document.Kind, read.Document.Status, read.Document.Holder.Name));
    }

    [Fact]
    public void Enums_travel_as_slugs_and_names_in_camel_case()
    {
        using var json = JsonDocument.Parse(Suspended.ToJson());
        var document = json.RootElement.GetProperty("document");
        Assert.Equal("fire-equipment-conclusion", document.GetProperty("kind").GetString());
        Assert.Equal("suspended", document.GetProperty("status").GetString());
        Assert.Equal("legal-entity", document.GetProperty("holder").GetProperty("applicantType").GetString());
        Assert.Equal("bin", document.GetProperty("holder").GetProperty("identifierKind").GetString());
        Assert.Equal("2026-04-01", document.GetProperty("history")[1].GetProperty("effectiveOn").GetString());
    }

    [Fact]
    public void An_empty_payload_is_an_error_not_a_null_event() =>
        Assert.Equal("An empty document-changed.v1 payload.", Assert.Throws<JsonException>(() => DocumentChanged.FromJson("null")).Message);
}
