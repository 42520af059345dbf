namespace Registry.Api.Tests.Infrastructure;

/// <summary>Tests that start whole processes (a browser, the API killed and restarted): run after the parallel ones,
/// alone, so they neither starve nor are starved by the timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Isolated
{
    public const string Name = "Isolated processes";
}
