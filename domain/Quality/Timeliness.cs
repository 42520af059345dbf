namespace Registry.Domain.Quality;

/// <summary>An application that reached its result: the deadline as the registry holds it (the service's days counted
/// from submission, with suspended days left out as <see cref="Applications.Deadlines"/> leaves them out; null when the
/// clock was stopped by an open suspension at the decision) and how it ended.</summary>
public sealed record DecidedCase(DateOnly SubmittedOn, DateOnly? DueOn, DateOnly DecidedOn, bool DeemedIssued);

public sealed record Share(int Cases, int Counted)
{
    /// <summary>The percentage to one decimal; null when there are no cases (0 of 0 is no value, not 0 %).</summary>
    public decimal? Percent => Cases == 0 ? null : Math.Round(100m * Counted / Cases, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Indicator 1.1, «Құжаттарды тапсырған сәттен бастап белгіленген мерзімде қызметті ұсыну жағдайларының %-ы»: of the
/// cases decided in a period (by the date of the result), the share decided within the term counted from submission.
/// A result deemed issued by silence is late by definition — the term ran out unanswered. A decision while the clock is
/// stopped (a refusal for incomplete information during a suspension) is within the term.
/// </summary>
public static class Timeliness
{
    public static bool OnTime(DecidedCase c) => !c.DeemedIssued && (c.DueOn is not { } due || c.DecidedOn <= due);

    public static Share Of(IEnumerable<DecidedCase> cases, ReportingPeriod period)
    {
        var inPeriod = cases.Where(c => period.Contains(c.DecidedOn)).ToList();
        return new(inPeriod.Count, inPeriod.Count(OnTime));
    }
}
