using Registry.Domain.Documents;

namespace Registry.Domain.Tests.Documents;

/// <summary>What may happen to an issued document. The seed gives results no validity term (SERVICES.md §9; l. 222, 2445,
/// 4665 name only the expert conclusion's 3 months), so a term exists only where one is configured.</summary>
public sealed class DocumentLifecycleTests
{
    /// <summary>Every status × every action: the new status, or null when the action is refused.</summary>
    public static TheoryData<DocumentStatus, DocumentAction, DocumentStatus?> Table => new()
    {
        { DocumentStatus.Valid, DocumentAction.Suspend, DocumentStatus.Suspended },
        { DocumentStatus.Valid, DocumentAction.Reinstate, null },
        { DocumentStatus.Valid, DocumentAction.Revoke, DocumentStatus.Revoked },
        { DocumentStatus.Valid, DocumentAction.Expire, DocumentStatus.Expired },
        { DocumentStatus.Suspended, DocumentAction.Suspend, null },
        { DocumentStatus.Suspended, DocumentAction.Reinstate, DocumentStatus.Valid },
        { DocumentStatus.Suspended, DocumentAction.Revoke, DocumentStatus.Revoked },
        { DocumentStatus.Suspended, DocumentAction.Expire, DocumentStatus.Expired }, // a term runs out during a suspension too
        { DocumentStatus.Revoked, DocumentAction.Suspend, null },
        { DocumentStatus.Revoked, DocumentAction.Reinstate, null },
        { DocumentStatus.Revoked, DocumentAction.Revoke, null },
        { DocumentStatus.Revoked, DocumentAction.Expire, null },
        { DocumentStatus.Expired, DocumentAction.Suspend, null },
        { DocumentStatus.Expired, DocumentAction.Reinstate, null },
        { DocumentStatus.Expired, DocumentAction.Revoke, null },
        { DocumentStatus.Expired, DocumentAction.Expire, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_action_on_each_status_leads_to_its_status_or_is_refused_with_a_reason(DocumentStatus from, DocumentAction action, DocumentStatus? to)
    {
        var transition = DocumentLifecycle.Apply(from, action);
        Assert.Equal(to, transition.NewStatus);
        Assert.Equal(to is not null, transition.Allowed);
        if (to is null) Assert.False(string.IsNullOrWhiteSpace(transition.Refusal));
        else Assert.Null(transition.Refusal);
    }

    [Theory]
    [InlineData(DocumentStatus.Valid, DocumentAction.Reinstate, "Only a suspended document can be reinstated.")]
    [InlineData(DocumentStatus.Suspended, DocumentAction.Suspend, "The document is already suspended.")]
    [InlineData(DocumentStatus.Revoked, DocumentAction.Reinstate, "A revoked document is final; it cannot be changed.")]
    public void A_refused_action_says_why(DocumentStatus from, DocumentAction action, string refusal) =>
        Assert.Equal(refusal, DocumentLifecycle.Apply(from, action).Refusal);

    [Fact]
    public void An_expired_document_is_final_too() =>
        Assert.Contains("expired document is final", DocumentLifecycle.Apply(DocumentStatus.Expired, DocumentAction.Revoke).Refusal);

    [Fact]
    public void The_table_covers_every_status_and_every_action() =>
        Assert.Equal(Enum.GetValues<DocumentStatus>().Length * Enum.GetValues<DocumentAction>().Length, Table.Count);

    [Theory]
    [InlineData(DocumentAction.Suspend, new[] { DocumentStatus.Valid })]
    [InlineData(DocumentAction.Reinstate, new[] { DocumentStatus.Suspended })]
    [InlineData(DocumentAction.Revoke, new[] { DocumentStatus.Valid, DocumentStatus.Suspended })]
    [InlineData(DocumentAction.Expire, new[] { DocumentStatus.Valid, DocumentStatus.Suspended })]
    public void A_sweep_selects_exactly_the_statuses_an_action_is_allowed_from(DocumentAction action, DocumentStatus[] from) =>
        Assert.Equal(from, DocumentLifecycle.StatusesAllowing(action));

    [Theory]
    [InlineData("2026-06-30", "2026-06-30", false)] // the last valid day
    [InlineData("2026-06-30", "2026-07-01", true)]
    [InlineData(null, "2099-01-01", false)]         // no term, no end
    public void A_term_ends_after_its_last_valid_day(string? validUntil, string today, bool ended) =>
        Assert.Equal(ended, DocumentLifecycle.TermEnded(validUntil is null ? null : Day(validUntil), Day(today)));

    static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-01", null, null)]
    [InlineData("2026-03-01", 0, null)]   // a zero term is no term
    [InlineData("2026-03-01", -12, null)]
    [InlineData("2026-03-01", 1, "2026-03-31")]
    [InlineData("2026-03-01", 60, "2031-02-28")]
    public void A_document_is_valid_up_to_the_day_before_the_same_date_its_term_later(string issued, int? termMonths, string? validUntil) =>
        Assert.Equal(validUntil is null ? null : DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture),
            DocumentLifecycle.ValidUntil(DateOnly.Parse(issued, System.Globalization.CultureInfo.InvariantCulture), termMonths));
}
