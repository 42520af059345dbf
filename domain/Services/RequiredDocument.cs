namespace Registry.Domain.Services;

/// <summary>
/// A document of paragraph 11 — what the applicant hands in, and on which channels. Wording quotes the seed's item (it
/// may differ by channel); OriginalOrNotarisedCopy, MinimumCopies and Languages are set only where the seed says so;
/// Condition is a part of the document the seed requires only in some cases (a power of representation when a
/// representative applies).
/// </summary>
public sealed record RequiredDocument(string Code, Text Title, IReadOnlyList<Channel> Channels)
{
    public IReadOnlyList<ChannelWording> Wording { get; init; } = [];

    public bool OriginalOrNotarisedCopy { get; init; }

    public int? MinimumCopies { get; init; }

    /// <summary>"kk" and/or "ru": the languages each copy must be in.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    public Text? Condition { get; init; }

    /// <summary>A remark on the seed's own text (e.g. a document the Committee also fetches itself).</summary>
    public Text? Note { get; init; }

    public SeedQuote? WordingOn(Channel channel) => Wording.FirstOrDefault(w => w.Channels.Contains(channel))?.Quote;
}

/// <summary>How the seed words a document on the given channels.</summary>
public sealed record ChannelWording(IReadOnlyList<Channel> Channels, SeedQuote Quote);
