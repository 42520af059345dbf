namespace Registry.Api.Infrastructure;

/// <summary>What an officer's credential allows: officers record decisions, admins also run sweeps; any other role reads only.</summary>
public static class Roles
{
    public const string Officer = "officer";
    public const string Admin = "admin";
    public const string Auditor = "auditor";
    /// <summary>Scrapes metrics, nothing else.</summary>
    public const string Monitor = "monitor";
}

public static class Policies
{
    public const string RecordDecisions = "record-decisions";
    public const string Administer = "administer";
    public const string ReadMetrics = "read-metrics";
}
