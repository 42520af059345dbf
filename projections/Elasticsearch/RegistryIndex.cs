using System.Globalization;
using System.Reflection;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;

namespace Registry.Projections.Elasticsearch;

/// <summary>What exists under the alias's name: the index the alias points at, the versioned indices, an index being
/// rebuilt, and whether a concrete index has taken the alias's own name (auto-created by a plain bulk request).</summary>
public sealed record IndexState(string? Current, IReadOnlyList<string> Versioned, IReadOnlyList<string> Rebuilding, bool ConcreteIndexNamedLikeAlias)
{
    public int LastVersion(RegistryIndex index) => Versioned.Select(i => index.VersionOf(i) ?? 0).DefaultIfEmpty(0).Max();
}

/// <summary>Index lifecycle: versioned indices behind one alias, created from the mapping in
/// registry-documents.index.json (the same file the contract tests compare against). A rebuild writes into its new
/// index through a second alias, {alias}-rebuild, so that every bulk request can require an alias.</summary>
public sealed class RegistryIndex(ElasticsearchClient client, ElasticsearchOptions options)
{
    public static string Definition { get; } = ReadDefinition();

    public string Alias => options.Alias;

    public string RebuildAlias => $"{options.Alias}-rebuild";

    public string VersionedName(int version) => $"{options.Alias}-v{version.ToString(CultureInfo.InvariantCulture)}";

    public int? VersionOf(string index) =>
        index.StartsWith(options.Alias + "-v", StringComparison.Ordinal)
        && int.TryParse(index.AsSpan(options.Alias.Length + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public async Task<IndexState> InspectAsync(CancellationToken ct)
    {
        var response = await client.Indices.ResolveIndexAsync(Names.Parse(options.Alias + "*"), ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Listing {options.Alias}* failed: {Describe(response)}");
        var current = response.Aliases.FirstOrDefault(a => a.Name == options.Alias)?.Indices ?? [];
        if (current.Count > 1) throw new InvalidOperationException($"Alias {options.Alias} points at {string.Join(", ", current)}; it must point at one index.");
        return new IndexState(
            current.SingleOrDefault(),
            [.. response.Indices.Select(i => i.Name).Where(n => VersionOf(n) is not null)],
            [.. response.Aliases.FirstOrDefault(a => a.Name == RebuildAlias)?.Indices ?? []],
            response.Indices.Any(i => i.Name == options.Alias));
    }

    /// <summary>Creates {alias}-v1 and points the alias at it.</summary>
    public async Task CreateFirstAsync(CancellationToken ct)
    {
        await CreateAsync(VersionedName(1), ct);
        await UpdateAliasesAsync([a => a.Add(x => x.Index(VersionedName(1)).Alias(options.Alias).IsWriteIndex(true))], ct);
    }

    public async Task CreateAsync(string index, CancellationToken ct)
    {
        var response = await client.Transport.RequestAsync<StringResponse>(
            new EndpointPath(Elastic.Transport.HttpMethod.PUT, $"/{index}"), PostData.String(Definition), null, null, ct);
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
            throw new InvalidOperationException($"Creating index {index} failed: {response.ApiCallDetails.HttpStatusCode} {response.Body}");
    }

    /// <summary>Creates the index a rebuild fills, reachable for writes only through {alias}-rebuild.</summary>
    public async Task CreateForRebuildAsync(string index, CancellationToken ct)
    {
        await CreateAsync(index, ct);
        await UpdateAliasesAsync([a => a.Add(x => x.Index(index).Alias(RebuildAlias).IsWriteIndex(true))], ct);
    }

    /// <summary>Points the alias at the rebuilt index in one atomic _aliases call: off the old index (or, where a concrete
    /// index has taken the alias's name, deleting that index in the same call) and off the rebuild alias.</summary>
    public Task SwapAliasAsync(IndexState state, string to, CancellationToken ct)
    {
        var actions = new List<Action<IndexUpdateAliasesActionDescriptor>>();
        if (state.Current is { } from) actions.Add(a => a.Remove(r => r.Index(from).Alias(options.Alias)));
        if (state.ConcreteIndexNamedLikeAlias) actions.Add(a => a.RemoveIndex(r => r.Index(options.Alias)));
        actions.Add(a => a.Add(x => x.Index(to).Alias(options.Alias).IsWriteIndex(true)));
        actions.Add(a => a.Remove(r => r.Index(to).Alias(RebuildAlias)));
        return UpdateAliasesAsync(actions, ct);
    }

    public async Task DeleteAsync(string index, CancellationToken ct)
    {
        var response = await client.Indices.DeleteAsync(index, ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Deleting index {index} failed: {Describe(response)}");
    }

    async Task UpdateAliasesAsync(IReadOnlyCollection<Action<IndexUpdateAliasesActionDescriptor>> actions, CancellationToken ct)
    {
        var response = await client.Indices.UpdateAliasesAsync(u => u.Actions([.. actions]), ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Updating aliases of {options.Alias} failed: {Describe(response)}");
    }

    /// <summary>Elasticsearch's own words for a failed call: HTTP status, error type and reason, or the transport error.</summary>
    public static string Describe(ElasticsearchResponse response)
    {
        var details = response.ApiCallDetails;
        if (response.ElasticsearchServerError?.Error is { } error) return $"{details.HttpStatusCode} {error.Type}: {error.Reason}";
        if (details.HttpStatusCode is { } status) return $"HTTP {status}";
        return details.OriginalException?.Message ?? "no response";
    }

    static string ReadDefinition()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("registry-documents.index.json")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
