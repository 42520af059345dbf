namespace Registry.Domain.Services;

/// <summary>Services 4–6: a Centre keeps a result nobody collected for <see cref="Months"/> month(s), then sends it on.</summary>
public sealed record CentreStorage(int Months, Text ThenSentTo, SeedRef Seed)
{
    /// <summary>The last day of storage: one month from the day the result reached the Centre.</summary>
    public DateOnly LastDay(DateOnly receivedOn) => receivedOn.AddMonths(Months);
}
