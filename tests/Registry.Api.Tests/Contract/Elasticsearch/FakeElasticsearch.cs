using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Registry.Projections.Elasticsearch;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>
/// An in-memory stand-in for an Elasticsearch node behind the real client (through HttpRequestInvoker): it records every
/// request body (un-gzipped), applies bulk index operations with external-version semantics, and answers searches
/// with a canned response. Failures are injected per document id.
/// </summary>
public sealed class FakeElasticsearch : HttpMessageHandler
{
    public List<(string Method, string Path, string Body)> Requests { get; } = [];
    public ConcurrentDictionary<string, (long Version, JsonObject Source)> Store { get; } = new();
    public Func<string, int, int?> FailWith { get; set; } = (_, _) => null;
    public string SearchResponse { get; set; } = """{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}""";
    public int SearchStatus { get; set; } = 200;
    public bool AliasExists { get; set; }
    readonly ConcurrentDictionary<string, int> attempts = new();

    public ElasticsearchClient Client(ElasticsearchOptions options) =>
        new(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://127.0.0.1:9200")), new HttpRequestInvoker((_, _) => this))
            .DefaultIndex(options.Alias));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await ReadBody(request.Content, ct);
        var path = request.RequestUri!.AbsolutePath;
        lock (Requests) Requests.Add((request.Method.Method, path, body));
        return (request.Method.Method, path) switch
        {
            ("HEAD", _) when path.StartsWith("/_alias/", StringComparison.Ordinal) => Respond(AliasExists ? 200 : 404, ""),
            ("PUT", _) => Respond(200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{path.Trim('/')}}"}"""),
            ("POST", "/_aliases") => Respond(200, """{"acknowledged":true}"""),
            ("POST", _) when path.EndsWith("/_bulk", StringComparison.Ordinal) => Respond(200, Bulk(body)),
            ("POST", _) when path.EndsWith("/_search", StringComparison.Ordinal) => Respond(SearchStatus, SearchResponse),
            _ => Respond(404, """{"error":{"type":"not_found"},"status":404}"""),
        };
    }

    string Bulk(string ndjson)
    {
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var action = JsonNode.Parse(lines[i])!["index"]!;
            var id = action["_id"]!.GetValue<string>();
            var version = action["version"]!.GetValue<long>();
            var attempt = attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            var item = new JsonObject { ["_index"] = "registry-documents-v1", ["_id"] = id };
            if (FailWith(id, attempt) is { } status)
            {
                item["status"] = status;
                item["error"] = new JsonObject { ["type"] = status == 429 ? "es_rejected_execution_exception" : "mapper_parsing_exception", ["reason"] = "injected" };
                errors = true;
            }
            else if (Store.TryGetValue(id, out var stored) && stored.Version >= version)
            {
                item["status"] = 409;
                item["error"] = new JsonObject { ["type"] = "version_conflict_engine_exception", ["reason"] = $"[{id}]: version conflict, current version [{stored.Version}] is higher or equal to the one provided [{version}]" };
                errors = true;
            }
            else
            {
                Store[id] = (version, JsonNode.Parse(lines[i + 1])!.AsObject());
                item["status"] = 201;
                item["_version"] = version;
                item["result"] = "created";
            }
            items.Add(new JsonObject { ["index"] = item });
        }
        return new JsonObject { ["took"] = 1, ["errors"] = errors, ["items"] = items }.ToJsonString();
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
