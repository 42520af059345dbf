namespace Registry.Domain.Applications;

/// <summary>One specialist on an accreditation applicant's staff, as its documents show.</summary>
public sealed record Specialist(bool FireSafetyHigherEducation, bool OtherHigherEducation, int FireServiceYears, bool SpecialCourses);

/// <summary>
/// Accreditation's second refusal ground (l. 6861): fewer than three specialists on staff who each have higher
/// education in fire safety, or other higher education plus at least five years in state and/or non-state fire
/// services — and who have completed special training courses.
/// </summary>
public static class AccreditationStaff
{
    /// <summary>The refusal ground this rule decides.</summary>
    public const string Ground = "fewer-than-three-qualified-specialists";

    public const int RequiredSpecialists = 3;
    public const int MinimumFireServiceYears = 5;

    public static bool Qualified(Specialist s) =>
        s.SpecialCourses && (s.FireSafetyHigherEducation || (s.OtherHigherEducation && s.FireServiceYears >= MinimumFireServiceYears));

    public static bool FewerThanRequired(IEnumerable<Specialist> staff) => staff.Count(Qualified) < RequiredSpecialists;
}
