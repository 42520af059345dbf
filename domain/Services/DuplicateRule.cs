namespace Registry.Domain.Services;

/// <summary>Services 4–6: a lost or damaged result is replaced by a duplicate (телнұсқа) within WorkingDays of the day
/// the applicant hands in an application, proof of the loss or damage, and the paragraph-11 documents.</summary>
public sealed record DuplicateRule(int WorkingDays, Text Covers, SeedRef Seed);
