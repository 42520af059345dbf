using Registry.Domain.Services;

namespace Registry.Domain.Applications;

/// <summary>Who may apply, where, and what must be handed in: checks made before an application is accepted.</summary>
public static class Intake
{
    public const int MaxFieldLength = 1000;

    public static bool MayApply(ServiceDefinition service, ApplicantType applicant) => service.Applicants.Contains(applicant);

    /// <summary>The portal serves 1–4 only; non-resident permit applicants file at the Committee only (l. 2391).</summary>
    public static bool MayFileOn(ServiceDefinition service, ApplicantType applicant, Channel channel) => service.ChannelsFor(applicant).Contains(channel);

    /// <summary>The paragraph-11 documents for this channel and applicant that were not handed in. A Public Service Centre
    /// refuses intake when this is not empty and gives a receipt listing them (l. 280/2493/4723/6863/8970/11006).</summary>
    public static IReadOnlyList<RequiredDocument> Missing(ServiceDefinition service, Channel channel, IEnumerable<string> provided,
        ApplicantType applicant = ApplicantType.LegalEntity)
    {
        var have = provided.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. service.DocumentsFor(channel, applicant).Where(d => !have.Contains(d.Code))];
    }

    /// <summary>Service-specific parts of the application that are required but empty, or too long. They are free text:
    /// the seed's forms leave blanks, and no closed list of sectors, activity sub-types, technologies or products exists
    /// in it (l. 2177–2185, 4359–4375).</summary>
    public static IReadOnlyDictionary<string, string> FieldErrors(ServiceDefinition service, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var errors = new Dictionary<string, string>();
        foreach (var field in service.Fields)
        {
            var given = values.TryGetValue(field.Name, out var v) ? v : [];
            if (field.Required && !given.Any(g => !string.IsNullOrWhiteSpace(g)))
                errors[field.Name] = $"{field.Title.Ru}: at least one is required for {service.Code}.";
            else if (given.FirstOrDefault(g => g.Length > MaxFieldLength) is not null)
                errors[field.Name] = $"{field.Title.Ru}: at most {MaxFieldLength} characters each.";
        }
        return errors;
    }
}
