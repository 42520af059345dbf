using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<ResultMedium>))]
public enum ResultMedium
{
    /// <summary>An electronic document signed with an EDS (services 1–4).</summary>
    ElectronicDocument,

    /// <summary>On paper (service 5).</summary>
    Paper,

    /// <summary>A letter of agreement plus a signature on the draft, sent with the agreed drafts (service 6).</summary>
    LetterWithSignedDraft,
}

/// <summary>The form of the result and of the reasoned refusal. PaperCopyAt: where a paper copy is printed on request
/// (Committee or Centre for 1–3, the Committee only for 4, nowhere for 5–6 whose result is paper already).</summary>
public sealed record ResultForm(ResultMedium Medium, IReadOnlyList<Channel> PaperCopyAt, Text Description, Text RefusalMedium, SeedRef Seed);
