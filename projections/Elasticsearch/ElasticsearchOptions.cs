namespace Registry.Projections.Elasticsearch;

public sealed class ElasticsearchOptions
{
    public string? Url { get; set; }
    public string? ApiKey { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The alias every read and write goes through; indices behind it are {Alias}-v{n}.</summary>
    public string Alias { get; set; } = "registry-documents";

    /// <summary>Attempts per bulk request for 429, 5xx and transport failures within one batch; after them the batch
    /// fails, its checkpoint stays and the projector retries it later.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First delay of every exponential back-off: bulk retries and the index initialiser's attempts.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Documents per bulk request while a rebuild loads the read model.</summary>
    public int RebuildBatchSize { get; set; } = 2000;

    /// <summary>How long a rebuild keeps the old index after the swap, for searches already running on it.</summary>
    public TimeSpan OldIndexGracePeriod { get; set; } = TimeSpan.FromSeconds(30);
}
