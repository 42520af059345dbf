namespace Registry.Domain.Services;

/// <summary>A service-specific part of the application (the annex-2 form's blanks, or what a free-form application
/// names) that the result document covers. Free text: the seed gives no closed list for any of them (section 9).</summary>
public sealed record ApplicationField(string Name, Text Title, bool Required, SeedRef Seed);
