namespace Registry.Domain.Services;

/// <summary>A ground the seed names — for refusing the service (exactly two per service) or for not accepting an
/// electronic request (three, services 1–4). Text.Kk is the seed's wording, verbatim; Note explains a drafting slip.</summary>
public sealed record Ground(string Code, Text Text, SeedRef Seed, Text? Note = null);
