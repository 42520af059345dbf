using Registry.Domain.Services;

namespace Registry.Domain.Applications;

/// <summary>Who may apply and what must be handed in: checks made before an application is accepted.</summary>
public static class Intake
{
    public static bool MayApply(ServiceDefinition service, ApplicantType applicant) => service.Applicants.Contains(applicant);

    /// <summary>The required documents for this channel that were not handed in. A Public Service Centre refuses intake
    /// when this is not empty and gives a receipt listing them.</summary>
    public static IReadOnlyList<RequiredDocument> Missing(ServiceDefinition service, Channel channel, IEnumerable<string> provided)
    {
        var have = provided.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. service.DocumentsFor(channel).Where(d => !have.Contains(d.Code))];
    }

    /// <summary>Service-specific fields (sectors, activity sub-types, subjects) that are required but empty or not from the code list.</summary>
    public static IReadOnlyDictionary<string, string> FieldErrors(ServiceDefinition service, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var errors = new Dictionary<string, string>();
        foreach (var field in service.Fields)
        {
            var given = values.TryGetValue(field.Name, out var v) ? v : [];
            if (field.Required && given.Count == 0) errors[field.Name] = $"{field.Title.Ru}: at least one is required for {service.Code}.";
            else if (field.AllowedCodes is { } allowed && given.FirstOrDefault(g => !allowed.Contains(g)) is { } unknown)
                errors[field.Name] = $"Unknown code '{unknown}'. One of: {string.Join(", ", allowed)}.";
        }
        return errors;
    }
}
