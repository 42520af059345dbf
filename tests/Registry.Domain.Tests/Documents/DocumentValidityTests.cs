using Registry.Domain.Documents;

namespace Registry.Domain.Tests.Documents;

/// <summary>Valid on a given day: answered from the issue date, the term and the history's effective dates.</summary>
public sealed class DocumentValidityTests
{
    sealed record Entry(DocumentStatus Status, DateOnly EffectiveOn) : IStatusEntry;

    static readonly DateOnly Issued = new(2025, 1, 10);

    static readonly Entry[] History =
    [
        new(DocumentStatus.Valid, Issued),
        new(DocumentStatus.Suspended, new DateOnly(2025, 3, 1)),
        new(DocumentStatus.Valid, new DateOnly(2025, 4, 1)),
        new(DocumentStatus.Revoked, new DateOnly(2025, 9, 1)),
    ];

    [Theory]
    [InlineData("2025-01-09", null)]
    [InlineData("2025-01-10", DocumentStatus.Valid)]
    [InlineData("2025-02-28", DocumentStatus.Valid)]
    [InlineData("2025-03-01", DocumentStatus.Suspended)]
    [InlineData("2025-03-31", DocumentStatus.Suspended)]
    [InlineData("2025-04-01", DocumentStatus.Valid)]
    [InlineData("2025-08-31", DocumentStatus.Valid)]
    [InlineData("2025-09-01", DocumentStatus.Revoked)]
    [InlineData("2030-01-01", DocumentStatus.Revoked)]
    public void The_status_on_a_day_is_the_last_change_in_effect_by_that_day(string day, DocumentStatus? expected) =>
        Assert.Equal(expected, DocumentValidity.StatusOn(Issued, null, History, DateOnly.Parse(day)));

    [Fact]
    public void A_document_past_its_term_is_expired_the_day_after_its_last_valid_day()
    {
        var until = new DateOnly(2025, 6, 30);
        Entry[] valid = [new(DocumentStatus.Valid, Issued)];
        Assert.Equal(DocumentStatus.Valid, DocumentValidity.StatusOn(Issued, until, valid, until));
        Assert.Equal(DocumentStatus.Expired, DocumentValidity.StatusOn(Issued, until, valid, until.AddDays(1)));
    }

    [Fact]
    public void The_restriction_in_force_is_the_last_non_valid_change_by_that_day()
    {
        Assert.Null(DocumentValidity.RestrictionOn(History, new DateOnly(2025, 2, 1)));
        Assert.Equal(DocumentStatus.Suspended, DocumentValidity.RestrictionOn(History, new DateOnly(2025, 3, 15))!.Status);
        Assert.Equal(DocumentStatus.Revoked, DocumentValidity.RestrictionOn(History, new DateOnly(2025, 12, 1))!.Status);
    }

    [Fact]
    public void The_first_entry_of_a_history_counts_like_any_other()
    {
        Entry[] suspendedFromIssue = [new(DocumentStatus.Suspended, Issued)];
        Assert.Equal(DocumentStatus.Suspended, DocumentValidity.StatusOn(Issued, null, suspendedFromIssue, Issued));
        Assert.Same(suspendedFromIssue[0], DocumentValidity.RestrictionOn(suspendedFromIssue, Issued));
        Assert.Equal(DocumentStatus.Valid, DocumentValidity.StatusOn(Issued, null, Array.Empty<Entry>(), Issued));
    }

    [Fact]
    public void Sweeps_select_exactly_the_statuses_the_lifecycle_allows()
    {
        Assert.Equal([DocumentStatus.Valid, DocumentStatus.Suspended], DocumentLifecycle.StatusesAllowing(DocumentAction.Expire));
        Assert.Equal([DocumentStatus.Suspended], DocumentLifecycle.StatusesAllowing(DocumentAction.Reinstate));
        Assert.True(DocumentLifecycle.TermEnded(new DateOnly(2025, 6, 30), new DateOnly(2025, 7, 1)));
        Assert.False(DocumentLifecycle.TermEnded(new DateOnly(2025, 6, 30), new DateOnly(2025, 6, 30)));
        Assert.False(DocumentLifecycle.TermEnded(null, new DateOnly(2099, 1, 1)));
    }
}
