using System.Text.RegularExpressions;

namespace Registry.Domain.Documents;

/// <summary>
/// A suspension, reinstatement or revocation carries two texts: a short public reason, shown in verify, search and the
/// change feed; and an internal note for officers, never published. A public reason that looks like it carries contact
/// details (a run of ten or more digits, as in a phone number or an IIN) is refused: those belong in the note.
/// </summary>
public static partial class PublicReason
{
    public const int MaxLength = 200;
    public const int MaxInternalNoteLength = 4000;

    /// <summary>Null when the text may be published, else why not.</summary>
    public static string? Problem(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "State a short public reason for the change.";
        if (reason.Trim().Length > MaxLength) return $"A public reason is at most {MaxLength} characters; put details in the internal note.";
        if (LongDigitRun().IsMatch(reason))
            return "The public reason looks like it contains a phone number or an IIN; put contact details in the internal note, which is never published.";
        return null;
    }

    /// <summary>Ten or more digits, allowing the separators people put inside phone numbers.</summary>
    [GeneratedRegex(@"\d(?:[\s\-().+]*\d){9,}")]
    private static partial Regex LongDigitRun();
}
