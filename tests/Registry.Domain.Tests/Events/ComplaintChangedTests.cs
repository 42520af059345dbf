using System.Text.Json;
using Registry.Domain.Complaints;
using Registry.Domain.Events.V1;
using Registry.Domain.Services;

namespace Registry.Domain.Tests.Events;

/// <summary>The outbox's wire format for complaint-changed.v1: no personal data, enums as slugs, read back unchanged.</summary>
public sealed class ComplaintChangedTests
{
    static readonly ComplaintChanged InProgress = new(Guid.Parse("3c2b1a09-8f7e-4d6c-9b5a-1e2d3c4b5a60"), 2, "CMP-2026-000007", "attestation",
        ComplaintAddressee.CommitteeChair, ComplaintStatus.InProgress, new DateOnly(2026, 4, 1), new DateTimeOffset(2026, 3, 20, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void A_complaint_event_reads_back_as_it_was_written() =>
        Assert.Equal(InProgress, ComplaintChanged.FromJson(InProgress.ToJson()));

    [Fact]
    public void Statuses_and_addressees_travel_as_slugs()
    {
        using var json = JsonDocument.Parse(InProgress.ToJson());
        Assert.Equal("in-progress", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("committee-chair", json.RootElement.GetProperty("addressee").GetString());
        Assert.Equal("2026-04-01", json.RootElement.GetProperty("answerDueOn").GetString());
        Assert.Equal("complaint-changed.v1", ComplaintChanged.Type);
    }

    [Fact]
    public void An_empty_payload_is_an_error_not_a_null_event() =>
        Assert.Equal("An empty complaint-changed.v1 payload.", Assert.Throws<JsonException>(() => ComplaintChanged.FromJson("null")).Message);
}
