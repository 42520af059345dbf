namespace Registry.Domain.Common;

/// <summary>
/// The dates a registry record can carry. The seed names no earliest date; the Republic of Kazakhstan's registries
/// begin with its independence (16 December 1991), so no application, decision, status change or expertise of this
/// registry is dated earlier; and no day after 2099 is planned for (the production calendar is published year by year).
/// A date outside is a typing error, never a fact: 0001-01-01 once made the sweep deem ATT-0001-000001 issued.
/// </summary>
public static class RecordDates
{
    public static readonly DateOnly Earliest = new(1991, 12, 16);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public const string Rule = "Dates are between 1991-12-16 (the Republic's registries begin with its independence) and 2099-12-31.";

    public static bool IsPlausible(DateOnly date) => date >= Earliest && date <= Latest;
}
