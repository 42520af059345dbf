using Registry.Domain.Documents;

namespace Registry.Domain.Tests.Documents;

/// <summary>What may happen to an issued document. The seed gives results no validity term (SERVICES.md §9; l. 222, 2445,
/// 4665 name only the expert conclusion's 3 months), so a term exists only where one is configured.</summary>
public sealed class DocumentLifecycleTests
{
    /// <summary>Every status × every action: the new status, or null when the action is refused.</summary>
    public static TheoryData<string, DocumentAction, string?> Table => new()
    {
        { "valid", DocumentAction.Suspend, "suspended" },
        { "valid", DocumentAction.Reinstate, null },
        { "valid", DocumentAction.Revoke, "revoked" },
        { "valid", DocumentAction.Expire, "expired" },
        { "suspended", DocumentAction.Suspend, null },
        { "suspended", DocumentAction.Reinstate, "valid" },
        { "suspended", DocumentAction.Revoke, "revoked" },
        { "suspended", DocumentAction.Expire, "expired" }, // a term runs out during a suspension too
        { "revoked", DocumentAction.Suspend, null },
        { "revoked", DocumentAction.Reinstate, null },
        { "revoked", DocumentAction.Revoke, null },
        { "revoked", DocumentAction.Expire, null },
        { "expired", DocumentAction.Suspend, null },
        { "expired", DocumentAction.Reinstate, null },
        { "expired", DocumentAction.Revoke, null },
        { "expired", DocumentAction.Expire, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_action_on_each_status_leads_to_its_status_or_is_refused_with_a_reason(string from, DocumentAction action, string? to)
    {
        var transition = DocumentLifecycle.Apply(from, action);
        Assert.Equal(to, transition.NewStatus);
        Assert.Equal(to is not null, transition.Allowed);
        if (to is null) Assert.False(string.IsNullOrWhiteSpace(transition.Refusal));
        else Assert.Null(transition.Refusal);
    }

    [Theory]
    [InlineData("valid", DocumentAction.Reinstate, "Only a suspended document can be reinstated.")]
    [InlineData("suspended", DocumentAction.Suspend, "The document is already suspended.")]
    [InlineData("revoked", DocumentAction.Reinstate, "A revoked document is final; it cannot be changed.")]
    public void A_refused_action_says_why(string from, DocumentAction action, string refusal) =>
        Assert.Equal(refusal, DocumentLifecycle.Apply(from, action).Refusal);

    [Fact]
    public void An_expired_document_is_final_too() =>
        Assert.Contains("expired document is final", DocumentLifecycle.Apply("expired", DocumentAction.Revoke).Refusal);

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
