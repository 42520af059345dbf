namespace Registry.Domain.Services;

/// <summary>A text in the two languages the registry speaks: Kazakh (the state language) and Russian. Public texts are
/// never given in English.</summary>
public sealed record Text(string Kk, string Ru);
