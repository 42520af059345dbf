namespace Registry.Projections.Elasticsearch;

public sealed class ElasticsearchOptions
{
    public string? Url { get; set; }
    public string? ApiKey { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The alias every read and write goes through; indices behind it are {Alias}-v{n}.</summary>
    public string Alias { get; set; } = "registry-documents";

    /// <summary>Attempts per document for 429 and 5xx answers before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
