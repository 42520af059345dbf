namespace Registry.Api.Infrastructure;

public static class RouteValues
{
    /// <summary>
    /// A route value as it was written. Routing decodes every escape in a segment but an encoded slash (%2F), which could
    /// otherwise split it; so a number written with slashes, or a link to it (ATT%2F2024%2F000001), reached the handlers
    /// still encoded and was not found.
    /// </summary>
    public static string AsWritten(string value) => value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
