namespace Registry.Api.Features.Quality;

public sealed class IndicatorTarget
{
    public decimal? Normative { get; set; }
    public decimal? Target { get; set; }
}

/// <summary>QualityIndicators:Targets:{year}:{code} holds the normative and target values, which the seed leaves blank
/// (l. 2211–2215 and the other annexes) and the Minister's order sets each year (para 19, l. 308); CacheSeconds is how
/// long a computed report is served before it is computed again.</summary>
public sealed class QualityOptions
{
    public int CacheSeconds { get; set; } = 60;
    public Dictionary<string, Dictionary<string, IndicatorTarget>> Targets { get; set; } = [];

    public IndicatorTarget? TargetFor(int year, string code) =>
        Targets.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var byCode) && byCode.TryGetValue(code, out var t) ? t : null;
}

public static class QualityRegistration
{
    public static void AddQualityIndicators(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<QualityReport>();
        builder.Services.AddSingleton<OperationalStatistics>();
        builder.Services.AddOptions<QualityOptions>().Bind(builder.Configuration.GetSection("QualityIndicators"))
            .Validate(o => o.CacheSeconds >= 0, "QualityIndicators:CacheSeconds cannot be negative.").ValidateOnStart();
    }
}
