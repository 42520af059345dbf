using System.Reflection;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Registry.Projections.Elasticsearch;

/// <summary>Index lifecycle: versioned indices behind one alias, created from the mapping in
/// registry-documents.index.json (the same file the contract tests compare against).</summary>
public sealed class RegistryIndex(ElasticsearchClient client, ElasticsearchOptions options)
{
    public static string Definition { get; } = ReadDefinition();

    public string Alias => options.Alias;

    public string VersionedName(int version) => $"{options.Alias}-v{version}";

    /// <summary>Creates {alias}-v1 and points the alias at it, unless the alias exists.</summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        var exists = await client.Indices.ExistsAliasAsync(options.Alias, ct);
        if (exists.Exists) return;
        await CreateAsync(VersionedName(1), ct);
        await SwapAliasAsync(null, VersionedName(1), ct);
    }

    public async Task CreateAsync(string index, CancellationToken ct)
    {
        var response = await client.Transport.RequestAsync<StringResponse>(
            new EndpointPath(Elastic.Transport.HttpMethod.PUT, $"/{index}"), PostData.String(Definition), null, null, ct);
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
            throw new InvalidOperationException($"Creating index {index} failed: {response.ApiCallDetails.HttpStatusCode} {response.Body}");
    }

    /// <summary>Moves the alias from the old index to the new one in one atomic _aliases call.</summary>
    public async Task SwapAliasAsync(string? from, string to, CancellationToken ct)
    {
        var response = await client.Indices.UpdateAliasesAsync(u => u.Actions(from is null
            ? [a => a.Add(x => x.Index(to).Alias(options.Alias).IsWriteIndex(true))]
            : [a => a.Remove(r => r.Index(from).Alias(options.Alias)), a => a.Add(x => x.Index(to).Alias(options.Alias).IsWriteIndex(true))]), ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Alias swap to {to} failed: {response.DebugInformation}");
    }

    static string ReadDefinition()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("registry-documents.index.json")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
