namespace Registry.Domain.Services;

/// <summary>The application itself: the annex-2 form (services 1–4) or free form (5–6, "no blanks are provided"), with
/// what a free-form application must state and who may sign it.</summary>
public sealed record ApplicationForm(bool FreeForm, IReadOnlyList<Text> RequiredContents, Text SignedBy, SeedRef Seed);
