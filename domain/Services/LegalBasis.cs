namespace Registry.Domain.Services;

/// <summary>The acts a service rests on (para 3), the article the annex-2 form cites when it differs, and the conflict
/// between them stated openly — never silently resolved.</summary>
public sealed record LegalBasis(IReadOnlyList<SeedQuote> Acts, SeedQuote? FormCites, Text? Conflict);
