using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Contract.OpenApi;

public sealed class FuzzApp : RegistryApp
{
    // Thousands of deliberate errors: Prism replays the suite's own error cases, not these.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Contract:Record"] = "false" };
}

/// <summary>
/// Property-based fuzzing from the live OpenAPI document (CsCheck): every operation, every parameter and every body
/// field it declares — so endpoints added later are fuzzed without a line here — gets malformed values while the rest
/// of the request stays valid. Whatever is sent, the API never answers 5xx, and every 4xx is problem+json with a
/// registry type.
/// </summary>
public sealed class ContractFuzzTests(FuzzApp app) : IClassFixture<FuzzApp>
{
    const string RegistryProblems = "https://registry.emergency.gov.kz/problems/";
    const int Iterations = 2100;

    /// <summary>Text that broke or might break something: NUL, control and bidi characters, lone surrogates, SQL and
    /// path tricks, over-long text, numbers and dates at and past their limits.</summary>
    static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "%00", "\u0001\u001f\u007f", "\ud800", "x\udc00y", "‮evil", "😀🚒", "Қарағанды", "' or 1=1 --", "'; drop table documents; --",
        "../../etc/passwd", "..%2F..%2F", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "null", "true", "[]", "{}", "-1", "0",
        "2147483648", "-9223372036854775809", "99999999999999999999999999", "1e309", "NaN", "0x10", "1,2", "0001-01-01", "9999-12-31",
        "2024-02-30", "2024-13-01", "1991-12-15", "00000000-0000-0000-0000-000000000000", "not-a-guid", "abc|0123456789abcdef0123456789abcdef",
        "YWJjfDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm", "MjAyNC0xMy0wMXwwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZg",
        new string('9', 300), new string('ә', 2_000), new string('A', 70_000),
    ];

    static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(Nasty)),
        (2, Gen.String),
        (1, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.DateOnly.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A JSON value of any shape for a body field: wrong types, nulls, huge numbers and arrays, nasty text.</summary>
    static readonly Gen<JsonNode?> Json = Gen.Frequency(
        (5, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.OneOf<JsonNode?>(JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1e300), JsonValue.Create(true), JsonValue.Create(0.5))),
        (1, Gen.OneOf(0, 1, 1_001).Select(n => (JsonNode?)new JsonArray([.. Enumerable.Range(0, n).Select(_ => (JsonNode?)JsonValue.Create("ATT-2026-000001"))]))),
        (1, Gen.OneOf<Func<JsonNode?>>(() => new JsonArray(null, null), () => new JsonObject(), () => new JsonObject { ["a"] = new JsonArray(new JsonObject()) }).Select(f => f())));

    [Fact]
    public async Task Malformed_values_in_every_parameter_and_body_field_of_every_operation_never_get_a_5xx_and_every_4xx_is_a_registry_problem()
    {
        var applicationId = (await app.Officer().SubmitAsync(Scenario.Attestation())).Id;
        var document = JsonNode.Parse(await app.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;
        var targets = Targets(document, applicationId).ToList();
        Assert.True(targets.Count > 60, $"only {targets.Count} fuzz targets found in the document");

        var client = app.Admin();
        var sent = 0;
        var failures = new List<string>();
        var gen = Gen.Select(Gen.Int[0, targets.Count - 1], Text, Json, Gen.Int[0, 9]);
        await Check.SampleAsync(gen, async (index, text, json, shape) =>
        {
            var target = targets[index];
            using var request = target.Build(text, json, shape);
            using var response = await SendAsync(client, request);
            if (response is null) return;
            Interlocked.Increment(ref sent);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            string? failure = null;
            if (status >= 500) failure = $"{status}";
            else if (status >= 400 && !IsRegistryProblem(response, body)) failure = $"{status} {response.Content.Headers.ContentType} not a registry problem";
            if (failure is not null)
                lock (failures) failures.Add($"{target.Describe(text, json, shape)} → {failure}: {Truncate(body)}");
        }, iter: Iterations, threads: 2);

        Assert.True(sent >= 2_000, $"sent only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests broke the contract:\n{string.Join('\n', failures.Distinct().Take(40))}");
    }

    /// <summary>The website's pages and forms take the same text in their addresses and form fields: whatever is put in
    /// a route value, a query parameter or a posted field, a page never answers 5xx (a 400 or 404 page is fine).</summary>
    [Fact]
    public async Task Malformed_values_in_every_website_address_and_form_never_get_a_5xx()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        string[] pages =
        [
            "/{lang}/search?q={x}&kind={x}&status={x}&region={x}&sort={x}&cursor={x}", "/{lang}/search?q=ТОО&region={x}&sort=number&cursor={x}",
            "/{lang}/search?q={x}", "/{lang}/verify?number={x}&on={x}", $"/{{lang}}/verify?number={number}&on={{x}}", "/{lang}/documents/{x}",
            "/documents/{x}", "/documents/{x}/qr.svg", "/{lang}/organisations/{x}?page={x}", "/{lang}/services/{x}?submitted={x}",
            "/{lang}/services/permit?submitted={x}", "/{lang}/services/{x}/complaints", "/{lang}/services/attestation/quality?year={x}",
            "/{lang}/services/{x}/quality?year={x}", "/{lang}/centres?region={x}", "/{x}/search?q=ТОО", "/{lang}/{x}",
        ];
        string[] forms = ["/{lang}/check|numbers,on", "/{lang}/check.csv|numbers,on", "/{lang}/complaint-status|talon,code", "/{lang}/survey|code,q0", "/{lang}/survey|code,q0=yes,q1=no"];
        var client = app.Anonymous();
        var failures = new List<string>();
        var sent = 0;
        await Check.SampleAsync(Gen.Select(Gen.Int[0, pages.Length + forms.Length - 1], Text, Gen.Bool), async (index, text, kazakh) =>
        {
            var lang = kazakh ? "kk" : "ru";
            HttpRequestMessage request;
            if (index < pages.Length)
                request = new HttpRequestMessage(HttpMethod.Get, pages[index].Replace("{lang}", lang).Replace("{x}", Escape(text)));
            else
            {
                var (path, fields) = (forms[index - pages.Length].Split('|')[0], forms[index - pages.Length].Split('|')[1].Split(','));
                request = new HttpRequestMessage(HttpMethod.Post, path.Replace("{lang}", lang))
                {
                    // A field written name=value keeps that value, so the form gets past its first check to what the text reaches.
                    Content = new FormUrlEncodedContent(fields.Select(f => f.Split('=') is [var name, var value] ? KeyValuePair.Create(name, value) : KeyValuePair.Create(f, text))),
                };
            }
            using var _ = request;
            using var response = await SendAsync(client, request);
            if (response is null) return;
            Interlocked.Increment(ref sent);
            if ((int)response.StatusCode >= 500)
            {
                var failure = $"{request.Method} {request.RequestUri} → {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync())}";
                lock (failures) failures.Add(failure);
            }
        }, iter: 1000, threads: 2);

        Assert.True(sent >= 700, $"sent only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests got a 5xx:\n{string.Join('\n', failures.Distinct().Take(40))}");
    }

    /// <summary>What the website fuzzing found answering 500: a deadline counted from 31.12.9999 (past DateOnly's end), and
    /// a survey form whose body is not form encoding. Both are the visitor's typing, refused with a 400 page.</summary>
    [Theory]
    [InlineData("GET", "/kk/services/permit?submitted=9999-12-31", null)]
    [InlineData("GET", "/ru/services/permit?submitted=01.01.0001", null)]
    [InlineData("GET", "/kk/verify?number=ATT-2024-000001&on=31.12.9999", null)]
    [InlineData("POST", "/kk/survey", "code=%00&q0=yes")]
    public async Task A_page_refuses_an_impossible_date_or_a_broken_form_with_a_400(string method, string path, string? form)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (form is not null) request.Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await app.Anonymous().SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        // A date is refused with the range it must be in, in the page's language.
        if (form is null) Assert.Contains(path.StartsWith("/kk", StringComparison.Ordinal) ? "16.12.1991 мен 31.12.2099" : "с 16.12.1991 по 31.12.2099",
            System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The answer, or null when the server refuses the request line before the API runs (%00 in a path: Kestrel,
    /// and TestServer like it).</summary>
    static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            return await client.SendAsync(request);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            return null;
        }
    }

    static bool IsRegistryProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return false;
        try
        {
            return JsonNode.Parse(body)?["type"]?.GetValue<string>() is { } type && type.StartsWith(RegistryProblems, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;

    /// <summary>One place to put a malformed value: a parameter, a body field, or the body as a whole.</summary>
    sealed record Target(string Method, string Path, JsonArray Parameters, JsonNode? Body, string? Parameter, string? Field, Guid ApplicationId)
    {
        public HttpRequestMessage Build(string text, JsonNode? json, int shape)
        {
            var path = Path;
            var query = new List<string>();
            var headers = new List<(string, string)>();
            foreach (var p in Parameters)
            {
                var name = p!["name"]!.GetValue<string>();
                var fuzzed = name == Parameter;
                var value = fuzzed ? text : BaseValue(p, ApplicationId);
                switch (p["in"]!.GetValue<string>())
                {
                    case "path": path = path.Replace($"{{{name}}}", Escape(value), StringComparison.Ordinal); break;
                    case "query" when fuzzed || p["required"]?.GetValue<bool>() == true || shape < 3: query.Add($"{Uri.EscapeDataString(name)}={Escape(value)}"); break;
                    case "header": headers.Add((name, fuzzed ? Ascii(text) : name == "Idempotency-Key" ? Guid.NewGuid().ToString() : value)); break;
                }
            }
            var request = new HttpRequestMessage(new HttpMethod(Method), query.Count > 0 ? $"{path}?{string.Join('&', query)}" : path);
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            if (Body is not null) request.Content = Content(text, json, shape);
            return request;
        }

        HttpContent Content(string text, JsonNode? json, int shape)
        {
            if (Field is null)
                return shape switch
                {
                    0 => new StringContent("{", Encoding.UTF8, "application/json"),
                    1 => new StringContent(Body!.ToJsonString(), Encoding.UTF8, "text/plain"),
                    2 => new StringContent($"{{\"x\":\"{new string('x', 1_100_000)}\"}}", Encoding.UTF8, "application/json"),
                    3 => new ByteArrayContent([0xFF, 0xFE, 0x00, 0x7B]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    _ => new StringContent(json?.ToJsonString() ?? "null", Encoding.UTF8, "application/json"),
                };
            var body = Body!.DeepClone();
            Set(body, Field, shape % 2 == 0 ? JsonValue.Create(text) : json?.DeepClone());
            return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        public string Describe(string text, JsonNode? json, int shape) =>
            $"{Method} {Path} {(Parameter is not null ? $"param {Parameter}={Show(text)}" : Field is not null ? $"field {Field}={(shape % 2 == 0 ? Show(text) : json?.ToJsonString() ?? "null")}" : $"body shape {shape}")}";

        static string Show(string s) => JsonSerializer.Serialize(s.Length > 60 ? s[..60] + $"…({s.Length})" : s);
    }

    /// <summary>Every operation's parameters and body fields, read from the document.</summary>
    static IEnumerable<Target> Targets(JsonNode document, Guid applicationId)
    {
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (path == "/health/live") continue;
                var parameters = operation!["parameters"]?.AsArray() ?? [];
                var bodySchema = operation["requestBody"]?["content"]?["application/json"];
                var body = bodySchema is null ? null : bodySchema["example"]?.DeepClone() ?? Sample(bodySchema["schema"], schemas, 0);
                var m = method.ToUpperInvariant();
                foreach (var p in parameters) yield return new Target(m, path, parameters, body, p!["name"]!.GetValue<string>(), null, applicationId);
                if (bodySchema is null) continue;
                yield return new Target(m, path, parameters, body, null, null, applicationId);
                foreach (var field in Fields(bodySchema["schema"], schemas, "", 0).Distinct())
                    yield return new Target(m, path, parameters, body, null, field, applicationId);
            }
    }

    static JsonNode? Resolve(JsonNode? schema, JsonObject schemas)
    {
        for (var i = 0; i < 5 && schema is not null; i++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference) schema = schemas[reference.Split('/')[^1]];
            else if ((schema["allOf"] ?? schema["oneOf"]) is JsonArray any) schema = any.FirstOrDefault(s => s?["type"]?.ToString() != "null");
            else return schema;
        }
        return schema;
    }

    static IEnumerable<string> Fields(JsonNode? schema, JsonObject schemas, string prefix, int depth)
    {
        schema = Resolve(schema, schemas);
        if (schema is null || depth > 4) yield break;
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, property) in properties)
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                yield return path;
                foreach (var inner in Fields(property, schemas, path, depth + 1)) yield return inner;
            }
        else if (schema["items"] is { } items)
        {
            yield return $"{prefix}[0]";
            foreach (var inner in Fields(items, schemas, $"{prefix}[0]", depth + 1)) yield return inner;
        }
    }

    /// <summary>A minimal body from a schema without an example: required fields with plausible values.</summary>
    static JsonNode? Sample(JsonNode? schema, JsonObject schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        if (schema is null || depth > 4) return null;
        if (schema["properties"] is JsonObject properties)
        {
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            var result = new JsonObject();
            foreach (var (name, property) in properties)
                if (required.Contains(name)) result[name] = Sample(property, schemas, depth + 1);
            return result;
        }
        if (schema["items"] is { } items) return new JsonArray(Sample(items, schemas, depth + 1));
        if (schema["enum"] is JsonArray values) return values[0]?.DeepClone();
        return schema["type"]?.ToString() switch
        {
            var t when t?.Contains("integer") == true || t?.Contains("number") == true => JsonValue.Create(1),
            var t when t?.Contains("boolean") == true => JsonValue.Create(true),
            _ => schema["format"]?.GetValue<string>() == "date" ? JsonValue.Create("2026-01-02") : JsonValue.Create("x"),
        };
    }

    /// <summary>Sets a value at "a.b[0].c", creating what is missing.</summary>
    static void Set(JsonNode root, string field, JsonNode? value)
    {
        var parts = field.Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            var next = last ? value : parts[i + 1] == "[0]" ? new JsonArray() : (JsonNode)new JsonObject();
            if (parts[i] == "[0]")
            {
                if (node is not JsonArray array) return;
                if (array.Count == 0) array.Add(next);
                else if (last) array[0] = value;
                if (!last) node = array[0] ??= next;
            }
            else
            {
                if (node is not JsonObject obj) return;
                if (last) obj[parts[i]] = value;
                else node = obj[parts[i]] ??= next;
            }
            if (node is null) return;
        }
    }

    static string BaseValue(JsonNode parameter, Guid applicationId)
    {
        if (parameter["example"] is { } example) return example.ToString();
        var schema = parameter["schema"];
        if (schema?["enum"] is JsonArray values) return values[0]!.ToString();
        return schema?["format"]?.ToString() switch
        {
            "uuid" => applicationId.ToString(),
            "date" => "2026-01-02",
            _ when schema?["type"]?.ToString().Contains("integer") == true => "1",
            _ => "x",
        };
    }

    /// <summary>Percent-encodes for a URL; text a URL cannot carry (a lone surrogate) goes as invalid UTF-8 bytes.</summary>
    static string Escape(string value)
    {
        try
        {
            return Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            return "%ED%A0%80";
        }
    }

    static string Ascii(string value) => new([.. value.Where(c => c is >= ' ' and < '\u007f').Take(300)]);
}
