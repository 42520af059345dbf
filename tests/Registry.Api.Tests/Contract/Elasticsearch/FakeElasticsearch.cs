using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Registry.Projections.Elasticsearch;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>How a whole request fails: a refusal with Elasticsearch's error body, a 413 from the HTTP layer (no body), or
/// no answer at all.</summary>
public enum RequestFailure { BadRequest, TooLarge, TooManyRequests, Unavailable, Transport }

/// <summary>
/// An in-memory Elasticsearch node behind the real client (through HttpRequestInvoker). It records every request (bodies
/// un-gzipped) and behaves like a node where it matters to us: indices hold documents with external versions; aliases
/// resolve to their write index and move atomically in _aliases (add, remove, remove_index); a bulk request to a name
/// that does not exist auto-creates a concretely named index with dynamic mappings, unless require_alias=true, which
/// answers every item 404 index_not_found_exception instead (as for a concrete index); _resolve/index, _count, _refresh
/// and DELETE behave accordingly. Searches answer a canned response. Failures are injected per document or per request.
/// </summary>
public sealed class FakeElasticsearch : HttpMessageHandler
{
    public sealed record Request(string Method, string Path, string Query, string Body, DateTime At);

    public sealed class Index
    {
        public bool AutoCreated { get; init; }
        public HashSet<string> Aliases { get; } = [];
        public string? WriteAlias { get; set; }
        public Dictionary<string, (long Version, JsonObject Source)> Documents { get; } = [];
    }

    readonly object gate = new();
    readonly Dictionary<string, int> attempts = [];
    public List<Request> Requests { get; } = [];
    public Dictionary<string, Index> Indices { get; } = [];

    /// <summary>Per item: the status to answer instead of applying it, by document id and attempt (1, 2, …).</summary>
    public Func<string, int, int?> FailWith { get; set; } = (_, _) => null;

    /// <summary>Per request: a whole-request failure, by request and how many requests to that path came before.</summary>
    public Func<Request, int, RequestFailure?> FailRequest { get; set; } = (_, _) => null;

    /// <summary>Items answered as created but never stored (a node that loses writes).</summary>
    public Func<string, bool> Loses { get; set; } = _ => false;

    /// <summary>Runs before an _aliases request is applied, with its actions.</summary>
    public Func<JsonArray, Task>? BeforeAliases { get; set; }

    public string SearchResponse { get; set; } = """{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}""";
    public int SearchStatus { get; set; } = 200;

    public ElasticsearchClient Client(ElasticsearchOptions options) =>
        new(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://127.0.0.1:9200")), new HttpRequestInvoker((_, _) => this))
            .DefaultIndex(options.Alias));

    /// <summary>Creates an index with the given aliases (the first is its write alias), as a test's starting point.</summary>
    public Index Seed(string name, params string[] aliases)
    {
        var index = new Index { WriteAlias = aliases.FirstOrDefault() };
        foreach (var alias in aliases) index.Aliases.Add(alias);
        lock (gate) Indices[name] = index;
        return index;
    }

    /// <summary>The documents behind a name (alias or index), by id.</summary>
    public IReadOnlyDictionary<string, (long Version, JsonObject Source)> Documents(string name)
    {
        lock (gate) return Resolve(name).SelectMany(i => Indices[i].Documents).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    public string? AliasTarget(string alias)
    {
        lock (gate) return Indices.Where(i => i.Value.Aliases.Contains(alias)).Select(i => i.Key).SingleOrDefault();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken ct)
    {
        var request = new Request(message.Method.Method, message.RequestUri!.AbsolutePath, message.RequestUri.Query,
            message.Content is null ? "" : await ReadBody(message.Content, ct), DateTime.UtcNow);
        int earlier;
        lock (gate)
        {
            earlier = Requests.Count(r => r.Path == request.Path);
            Requests.Add(request);
        }
        switch (FailRequest(request, earlier))
        {
            case RequestFailure.Transport: throw new HttpRequestException("Connection refused (127.0.0.1:9200)");
            case RequestFailure.TooLarge: return Respond(413, "");
            case RequestFailure.BadRequest: return Error(400, "illegal_argument_exception", "injected: the request was refused");
            case RequestFailure.TooManyRequests: return Error(429, "es_rejected_execution_exception", "injected: rejected execution, queue capacity reached");
            case RequestFailure.Unavailable: return Error(503, "cluster_block_exception", "injected: blocked by: [SERVICE_UNAVAILABLE/2/no master]");
        }
        var segments = request.Path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var require = HttpUtility.ParseQueryString(request.Query)["require_alias"] == "true";
        if (request.Method == "POST" && request.Path == "/_aliases")
        {
            var actions = JsonNode.Parse(request.Body)!["actions"]!.AsArray();
            if (BeforeAliases is { } hook) await hook(actions);
            lock (gate) return Aliases(actions);
        }
        lock (gate)
        {
            return (request.Method, segments) switch
            {
                ("HEAD", ["_alias", var name]) => Respond(Indices.Values.Any(i => i.Aliases.Contains(name)) ? 200 : 404, ""),
                ("GET" or "POST", ["_resolve", "index", var expression]) => ResolveIndex(expression),
                ("PUT", [var name]) => Create(name),
                ("HEAD", [var name]) => Respond(Resolve(name).Count > 0 ? 200 : 404, ""),
                ("DELETE", [var name]) => Delete(name),
                ("POST" or "PUT", [var target, "_bulk"]) => Bulk(target, require, request.Body),
                ("POST", [var target, "_refresh"]) => Resolve(target).Count > 0
                    ? Respond(200, """{"_shards":{"total":1,"successful":1,"failed":0}}""") : IndexNotFound(target),
                ("GET" or "POST", [var target, "_count"]) => Resolve(target) is { Count: > 0 } names
                    ? Respond(200, new JsonObject { ["count"] = names.Sum(n => Indices[n].Documents.Count), ["_shards"] = JsonNode.Parse("""{"total":1,"successful":1,"skipped":0,"failed":0}""") }.ToJsonString())
                    : IndexNotFound(target),
                ("POST" or "GET", [_, "_search"]) => Respond(SearchStatus, SearchResponse),
                _ => Error(400, "illegal_argument_exception", $"the fake does not serve {request.Method} {request.Path}"),
            };
        }
    }

    /// <summary>Index names behind a name: the index itself, or every index the alias points at.</summary>
    List<string> Resolve(string name) =>
        Indices.ContainsKey(name) ? [name] : [.. Indices.Where(i => i.Value.Aliases.Contains(name)).Select(i => i.Key).Order(StringComparer.Ordinal)];

    bool IsAlias(string name) => Indices.Values.Any(i => i.Aliases.Contains(name));

    HttpResponseMessage Create(string name)
    {
        if (Indices.ContainsKey(name)) return Error(400, "resource_already_exists_exception", $"index [{name}/abc] already exists");
        if (IsAlias(name)) return Error(400, "invalid_index_name_exception", $"Invalid index name [{name}], already exists as alias");
        Indices[name] = new Index();
        return Respond(200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{name}}"}""");
    }

    HttpResponseMessage Delete(string name)
    {
        if (IsAlias(name) && !Indices.ContainsKey(name))
            return Error(400, "illegal_argument_exception", $"The provided expression [{name}] matches an alias, specify the corresponding concrete indices instead.");
        return Indices.Remove(name) ? Respond(200, """{"acknowledged":true}""") : IndexNotFound(name);
    }

    HttpResponseMessage ResolveIndex(string expression)
    {
        var patterns = expression.Split(',').Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$")).ToList();
        bool Matches(string name) => patterns.Any(p => p.IsMatch(name));
        var indices = new JsonArray([.. Indices.Where(i => Matches(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Key,
            ["aliases"] = new JsonArray([.. i.Value.Aliases.Order(StringComparer.Ordinal).Select(a => (JsonNode)JsonValue.Create(a))]),
            ["attributes"] = new JsonArray("open"),
        })]);
        var aliases = new JsonArray([.. Indices.Values.SelectMany(i => i.Aliases).Distinct().Where(Matches).Order(StringComparer.Ordinal).Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a,
            ["indices"] = new JsonArray([.. Resolve(a).Select(n => (JsonNode)JsonValue.Create(n))]),
        })]);
        return Respond(200, new JsonObject { ["indices"] = indices, ["aliases"] = aliases, ["data_streams"] = new JsonArray() }.ToJsonString());
    }

    /// <summary>All actions or none: checked against a copy of the alias table, then applied.</summary>
    HttpResponseMessage Aliases(JsonArray actions)
    {
        var table = Indices.ToDictionary(i => i.Key, i => (Aliases: new HashSet<string>(i.Value.Aliases), i.Value.WriteAlias));
        foreach (var action in actions.Select(a => a!.AsObject().Single()))
        {
            var index = action.Value!["index"]!.GetValue<string>();
            if (!table.ContainsKey(index)) return IndexNotFound(index);
            switch (action.Key)
            {
                case "add":
                    var alias = action.Value!["alias"]!.GetValue<string>();
                    if (table.ContainsKey(alias)) return Error(400, "invalid_alias_name_exception", $"Invalid alias name [{alias}]: an index or data stream exists with the same name as the alias");
                    table[index].Aliases.Add(alias);
                    if (action.Value["is_write_index"]?.GetValue<bool>() == true) table[index] = (table[index].Aliases, alias);
                    break;
                case "remove":
                    var removed = action.Value!["alias"]!.GetValue<string>();
                    if (!table[index].Aliases.Remove(removed)) return Error(404, "aliases_not_found_exception", $"aliases [{removed}] missing");
                    break;
                case "remove_index":
                    table.Remove(index);
                    break;
                default:
                    return Error(400, "illegal_argument_exception", $"unknown alias action [{action.Key}]");
            }
        }
        foreach (var gone in Indices.Keys.Except(table.Keys).ToList()) Indices.Remove(gone);
        foreach (var (name, (aliases, write)) in table)
        {
            Indices[name].Aliases.Clear();
            Indices[name].Aliases.UnionWith(aliases);
            Indices[name].WriteAlias = write;
        }
        return Respond(200, """{"acknowledged":true,"errors":false}""");
    }

    HttpResponseMessage Bulk(string target, bool requireAlias, string ndjson)
    {
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var action = JsonNode.Parse(lines[i])!["index"]!;
            var name = action["_index"]?.GetValue<string>() ?? target;
            var id = action["_id"]!.GetValue<string>();
            var external = action["version"]?.GetValue<long>();
            var attempt = attempts[id] = attempts.GetValueOrDefault(id) + 1;
            var item = new JsonObject { ["_index"] = name, ["_id"] = id };
            items.Add(new JsonObject { ["index"] = item });
            string? concrete = null;
            if (IsAlias(name))
            {
                var behind = Resolve(name);
                concrete = behind.Count == 1 ? behind[0] : behind.SingleOrDefault(n => Indices[n].WriteAlias == name);
                if (concrete is null)
                {
                    Fail(item, 400, "illegal_argument_exception", $"no write index is defined for alias [{name}]");
                    continue;
                }
            }
            else if (requireAlias)
            {
                Fail(item, 404, "index_not_found_exception", $"no such index [{name}] and [require_alias] request flag is [true] and [{name}] is not an alias");
                item["error"]!["index"] = name;
                continue;
            }
            else
            {
                concrete = name;
                if (!Indices.ContainsKey(name)) Indices[name] = new Index { AutoCreated = true };
            }
            item["_index"] = concrete;
            var documents = Indices[concrete].Documents;
            var version = external ?? (documents.TryGetValue(id, out var current) ? current.Version + 1 : 1);
            if (FailWith(id, attempt) is { } status)
                Fail(item, status, status switch
                {
                    429 => "es_rejected_execution_exception",
                    >= 500 => "unavailable_shards_exception",
                    _ => "document_parsing_exception",
                }, "injected");
            else if (documents.TryGetValue(id, out var stored) && stored.Version >= version)
                Fail(item, 409, "version_conflict_engine_exception", $"[{id}]: version conflict, current version [{stored.Version}] is higher or equal to the one provided [{version}]");
            else
            {
                if (!Loses(id)) documents[id] = (version, JsonNode.Parse(lines[i + 1])!.AsObject());
                item["status"] = 201;
                item["_version"] = version;
                item["result"] = "created";
            }
        }
        return Respond(200, new JsonObject { ["took"] = 1, ["errors"] = errors, ["items"] = items }.ToJsonString());

        void Fail(JsonObject item, int status, string type, string reason)
        {
            item["status"] = status;
            item["error"] = new JsonObject { ["type"] = type, ["reason"] = reason };
            errors = true;
        }
    }

    static async Task<string> ReadBody(HttpContent content, CancellationToken ct)
    {
        var bytes = await content.ReadAsByteArrayAsync(ct);
        if (content.Headers.ContentEncoding.Contains("gzip"))
        {
            await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, ct);
            bytes = plain.ToArray();
        }
        return Encoding.UTF8.GetString(bytes);
    }

    static HttpResponseMessage IndexNotFound(string name) =>
        Error(404, "index_not_found_exception", $"no such index [{name}]");

    static HttpResponseMessage Error(int status, string type, string reason) =>
        Respond(status, new JsonObject
        {
            ["error"] = new JsonObject { ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }), ["type"] = type, ["reason"] = reason },
            ["status"] = status,
        }.ToJsonString());

    static HttpResponseMessage Respond(int status, string json)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        response.Headers.Add("X-Elastic-Product", "Elasticsearch");
        return response;
    }

    public JsonNode LastBody(string pathSuffix) =>
        JsonNode.Parse(Requests.Last(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal)).Body)!;

    public static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
