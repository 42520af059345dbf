using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<IndicatorSource>))]
public enum IndicatorSource
{
    /// <summary>Computed from the registry's own dates: submission, term, result (1.1).</summary>
    RegistryDates,

    /// <summary>A property of the service catalogue, not of cases (3.2).</summary>
    ServiceCatalogue,

    /// <summary>Only a survey of applicants can give it.</summary>
    Survey,
}

/// <summary>One of the six quality indicators of annex 3 (services 1–4) or annex 2 (5–6). The seed leaves every value
/// blank; targets are set each year by the Minister's order (para 19).</summary>
public sealed record QualityIndicator(string Code, SeedQuote Name, IndicatorSource Source);
