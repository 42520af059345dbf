using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using Npgsql;

namespace Registry.LoadTests;

/// <summary>A named step the load models call over and over. ProjectionLag is filled by the lag scenario only, and is
/// complete once Finish has run.</summary>
public sealed record Scenario(string Name, Func<Task<Reply>> Step, LongConcurrentHistogram? ProjectionLag = null, Func<Task>? Finish = null);

/// <summary>Real numbers, BINs and names to ask for, read once from the read model.</summary>
public sealed record Samples(string[] Numbers, string[] Bins, string[] Names)
{
    public static async Task<Samples> LoadAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select number, holder_identifier, holder_name from read.documents
            tablesample system (greatest(0.5, least(100, 500000.0 / greatest(1, (select reltuples from pg_class where oid = 'read.documents'::regclass)))))
            limit 5000
            """, conn);
        var numbers = new List<string>();
        var bins = new List<string>();
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
            if (!reader.IsDBNull(1)) bins.Add(reader.GetString(1));
            names.Add(reader.GetString(2));
        }
        if (numbers.Count == 0) throw new InvalidOperationException("read.documents is empty: load data first (make seed-large, or make run for the demo set).");
        return new Samples([.. numbers], [.. bins], [.. names]);
    }
}

public static class Scenarios
{
    static readonly string[] Filters = ["", "&kind=permit", "&status=valid", "&kind=attestation&status=valid", "&sort=issuedNewest"];

    public static Scenario Create(string name, HttpClient http, Samples samples, string? token) => name switch
    {
        "baseline" => new(name, () => Get(http, "/health/live")),
        "verify" => new(name, () => Get(http, VerifyPath(samples))),
        "search" => new(name, () => Get(http, SearchPath(samples))),
        "mixed" => new(name, () => Get(http, Random.Shared.Next(10) == 0 ? SearchPath(samples) : VerifyPath(samples))),
        "quality" => new(name, () => Get(http, QualityPath())),
        "write" => new(name, () => Decide(http, token ?? throw new InvalidOperationException("The write scenario needs --token-file."))),
        _ => throw new ArgumentException($"Unknown scenario '{name}'. Known: baseline, verify, search, mixed, quality, write, lag."),
    };

    static readonly string[] Services = ["attestation", "permit", "declaration", "accreditation", "fire-equipment-conclusion", "standard-agreement"];

    static readonly string[] Periods =
        [$"{DateTime.Today.Year}", .. Enumerable.Range(1, 4).Select(q => $"{DateTime.Today.Year}-Q{q}"), .. Enumerable.Range(1, 12).Select(m => $"{DateTime.Today.Year}-{m:D2}")];

    /// <summary>A service's quality indicators for the current year, one of its quarters or one of its months (17 periods × 6 services).</summary>
    static string QualityPath() =>
        $"/api/v1/services/{Services[Random.Shared.Next(Services.Length)]}/quality-indicators?period={Periods[Random.Shared.Next(Periods.Length)]}";

    /// <summary>Random existing numbers, and 5 % numbers that do not exist.</summary>
    static string VerifyPath(Samples s) => Random.Shared.Next(20) == 0
        ? $"/api/v1/verify/ATT-1999-{Random.Shared.Next(999999):D6}"
        : $"/api/v1/verify/{s.Numbers[Random.Shared.Next(s.Numbers.Length)]}";

    /// <summary>A mix of what people type: a name fragment, a full number, the last digits of a number, a BIN; some with filters.</summary>
    static string SearchPath(Samples s)
    {
        var q = Random.Shared.Next(4) switch
        {
            0 => NameFragment(s.Names[Random.Shared.Next(s.Names.Length)]),
            1 => s.Numbers[Random.Shared.Next(s.Numbers.Length)],
            2 => s.Numbers[Random.Shared.Next(s.Numbers.Length)][^6..],
            _ => s.Bins.Length > 0 ? s.Bins[Random.Shared.Next(s.Bins.Length)] : s.Numbers[0],
        };
        return $"/api/v1/registry/search?q={Uri.EscapeDataString(q)}{Filters[Random.Shared.Next(Filters.Length)]}";
    }

    /// <summary>The longest word of the name inside its quotes, as a person would type it.</summary>
    static string NameFragment(string name) =>
        name.Split([' ', '«', '»', '"'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).OrderByDescending(w => w.Length).FirstOrDefault() ?? name;

    static async Task<Reply> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var bytes = await Drain(response);
        // An unknown number answering 404 is the correct answer, not a failure.
        return new Reply(response.IsSuccessStatusCode || (int)response.StatusCode == 404, (int)response.StatusCode, bytes);
    }

    static async Task<long> Drain(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) total += read;
        return total;
    }

    /// <summary>An officer's whole decision: record an attestation application, then issue it.</summary>
    static async Task<Reply> Decide(HttpClient http, string token)
    {
        var (reply, _) = await DecideReturningNumber(http, token);
        return reply;
    }

    static async Task<(Reply Reply, string? Number)> DecideReturningNumber(HttpClient http, string token)
    {
        var submit = await Post(http, token, "/api/v1/applications", ApplicationJson());
        if (!submit.Reply.Ok) return (submit.Reply, null);
        var (decide, number) = await DecideReturningNumber(http, token, JsonDocument.Parse(submit.Body).RootElement.GetProperty("id").GetString()!);
        return (decide with { Bytes = submit.Reply.Bytes + decide.Bytes }, number);
    }

    static async Task<(Reply Reply, string? Number)> DecideReturningNumber(HttpClient http, string token, string applicationId)
    {
        var decide = await Post(http, token, $"/api/v1/applications/{applicationId}/decision", """{"outcome":"issue"}""");
        var number = decide.Reply.Ok ? JsonDocument.Parse(decide.Body).RootElement.GetProperty("documentNumber").GetString() : null;
        return (decide.Reply, number);
    }

    /// <summary>
    /// Decision committed → visible in verify. A decision comes weeks after its application, so the applications are
    /// submitted before the run (<paramref name="submitted"/> of them) and the measured rate is decisions alone; once they
    /// run out, each step submits its own. One watcher asks bulk verify every 5 ms about every number not yet visible,
    /// so watching adds one request per 5 ms, not one per decision.
    /// </summary>
    public static async Task<Scenario> LagAsync(HttpClient http, string token, int submitted)
    {
        var ready = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, submitted), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            var submit = await Post(http, token, "/api/v1/applications", ApplicationJson());
            if (submit.Reply.Ok) ready.Enqueue(JsonDocument.Parse(submit.Body).RootElement.GetProperty("id").GetString()!);
        });
        var lag = new LongConcurrentHistogram(1, 60_000_000, 3);
        var pending = new ConcurrentDictionary<string, long>();
        var running = new CancellationTokenSource();
        var watcher = Task.Run(() => WatchAsync(http, pending, lag, running.Token));

        async Task Finish()
        {
            for (var i = 0; i < 2000 && !pending.IsEmpty; i++) await Task.Delay(5);
            await running.CancelAsync();
            await watcher;
            if (!pending.IsEmpty) Console.WriteLine($"lag: {pending.Count} decisions not visible 10 s after the run");
        }

        return new("lag", async () =>
        {
            var (reply, number) = ready.TryDequeue(out var id) ? await DecideReturningNumber(http, token, id) : await DecideReturningNumber(http, token);
            if (number is not null) pending[number] = Stopwatch.GetTimestamp();
            return reply;
        }, lag, Finish);
    }

    static async Task WatchAsync(HttpClient http, ConcurrentDictionary<string, long> pending, LongConcurrentHistogram lag, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var numbers = pending.Keys.Take(1000).ToList();
            if (numbers.Count > 0)
            {
                using var response = await http.PostAsync("/api/v1/verify",
                    new StringContent(JsonSerializer.Serialize(new { numbers }), Encoding.UTF8, "application/json"), CancellationToken.None);
                var seen = Stopwatch.GetTimestamp();
                if (response.IsSuccessStatusCode)
                    foreach (var result in JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement.GetProperty("results").EnumerateArray())
                        if (result.GetProperty("found").GetBoolean() && pending.TryRemove(result.GetProperty("number").GetString()!, out var committed))
                            lag.RecordValue(Math.Max(1, (seen - committed) * 1_000_000 / Stopwatch.Frequency));
            }
            try { await Task.Delay(5, ct); } catch (OperationCanceledException) { }
        }
    }

    static async Task<(Reply Reply, string Body)> Post(HttpClient http, string token, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (new Reply(response.IsSuccessStatusCode, (int)response.StatusCode, body.Length), body);
    }

    static string ApplicationJson()
    {
        var expertise = DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $$"""
            {"service":"attestation","channel":"committee",
             "applicant":{"type":"legal-entity","identifier":"{{Bin()}}","name":"ТОО «Нагрузочный тест {{Random.Shared.Next(1000)}}»","region":"Астана"},
             "sectors":["oil-and-gas"],"activities":["industrial-safety-expertise"],
             "expertConclusion":{"expertOrganisation":"ТОО «Эксперт»","number":"EX-1","expertiseDate":"{{expertise}}"},
             "documents":[{"code":"application","title":"Заявление"},{"code":"expert-conclusion","title":"Заключение"}]}
            """;
    }

    /// <summary>A BIN with a valid mod-11 check digit.</summary>
    static string Bin()
    {
        while (true)
        {
            var digits = $"{Random.Shared.Next(0, 25):D2}{Random.Shared.Next(1, 13):D2}40{Random.Shared.Next(0, 100000):D5}";
            int Sum(int[] w) => digits.Select((c, i) => (c - '0') * w[i]).Sum() % 11;
            var check = Sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
            if (check == 10) check = Sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
            if (check != 10) return digits + check;
        }
    }
}
