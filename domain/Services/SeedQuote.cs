namespace Registry.Domain.Services;

/// <summary>The seed's own words (Kazakh, verbatim from the cited line) with their Russian translation.</summary>
public sealed record SeedQuote(Text Text, SeedRef Seed);
