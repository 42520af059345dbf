namespace Registry.Domain.Services;

/// <summary>Non-resident legal entities (permits only): where they file and what they hand in, apart from residents.</summary>
public sealed record NonResidentRoute(IReadOnlyList<Channel> Channels, IReadOnlyList<RequiredDocument> Documents, SeedRef Seed);
