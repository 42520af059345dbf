using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using Npgsql;
using Registry.Domain.Search;
using Registry.Domain.Services;

namespace Registry.LoadTests;

/// <summary>A named step the load models call over and over. ProjectionLag is filled by the lag scenario only, and is
/// complete once Finish has run.</summary>
public sealed record Scenario(string Name, Func<Task<Reply>> Step, LongConcurrentHistogram? Lag = null, Func<Task>? Finish = null,
    string LagLabel = "projection lag (decision committed → visible in verify)");

/// <summary>Real numbers, BINs and names to ask for, read once from the read model.</summary>
public sealed record Samples(string[] Numbers, string[] Bins, string[] Names, string[] CommonWords, (string Name, string Region)[] Holders)
{
    public static async Task<Samples> LoadAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select number, holder_identifier, holder_name, region from read.documents
            tablesample system (greatest(0.5, least(100, 500000.0 / greatest(1, (select reltuples from pg_class where oid = 'read.documents'::regclass)))))
            limit 5000
            """, conn);
        var numbers = new List<string>();
        var bins = new List<string>();
        var names = new List<string>();
        var holders = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
            if (!reader.IsDBNull(1)) bins.Add(reader.GetString(1));
            names.Add(reader.GetString(2));
            if (!reader.IsDBNull(3)) holders.Add((reader.GetString(2), reader.GetString(3)));
        }
        if (numbers.Count == 0) throw new InvalidOperationException("read.documents is empty: load data first (make seed-large, or make run for the demo set).");
        await reader.CloseAsync();
        // Words at least 5 % of the registry holds (legal forms, trade words, cities): what a broad query types.
        await using var common = new NpgsqlCommand("""
            select term from read.search_terms
            where documents >= 0.05 * greatest(1, (select reltuples from pg_class where oid = 'read.documents'::regclass)) and term ~ '^[^0-9]{3,}$'
            order by documents desc limit 40
            """, conn);
        var words = new List<string>();
        try
        {
            await using var wr = await common.ExecuteReaderAsync();
            while (await wr.ReadAsync()) words.Add(wr.GetString(0));
        }
        catch (PostgresException) { } // a read model without the vocabulary
        return new Samples([.. numbers], [.. bins.Distinct()], [.. names.Distinct()], words.Count > 0 ? [.. words] : ["тоо"], [.. holders]);
    }
}

public static class Scenarios
{
    static readonly string[] Filters = ["", "&kind=permit", "&status=valid", "&kind=attestation&status=valid", "&sort=issuedNewest"];

    /// <summary>The same filters as the website's links write them.</summary>
    static readonly string[] PageFilters = ["", "&kind=permit", "&status=valid", "&kind=attestation&status=valid", "&sort=newest"];

    public static Scenario Create(string name, HttpClient http, Samples samples, string? token) => name switch
    {
        "baseline" => new(name, () => Get(http, "/health/live")),
        "verify" => new(name, () => Get(http, VerifyPath(samples))),
        "proof" => new(name, () => Get(http, VerifyPath(samples) + "/proof")),
        "search" => new(name, () => Get(http, SearchPath(samples))),
        "search-zipf" => SearchZipf(http, samples),
        // The website's pages, as a browser asks for them (compressed), on the same numbers and the same query mix.
        "page-document" => new(name, () => Get(http, VerifyPath(samples).Replace("/api/v1/verify/", "/kk/documents/", StringComparison.Ordinal), compressed: true)),
        "page-search" => new(name, () => Get(http, SearchPath(samples, page: true), compressed: true)),
        // A service's quality page: the year and each month so far, from the same cached reports as "quality".
        "page-quality" => new(name, () => Get(http, $"/{(Random.Shared.Next(2) == 0 ? "kk" : "ru")}/services/{ServiceCodes[Random.Shared.Next(ServiceCodes.Length)]}/quality",
            compressed: true)),
        _ when name.StartsWith("search-class:", StringComparison.Ordinal) => SearchClass(name, http, samples),
        "mixed" => new(name, () => Get(http, Random.Shared.Next(10) == 0 ? SearchPath(samples) : VerifyPath(samples))),
        "quality" => new(name, () => Get(http, QualityPath())),
        "write" => new(name, () => Decide(http, token ?? throw new InvalidOperationException("The write scenario needs --token-file."), samples)),
        _ => throw new ArgumentException($"Unknown scenario '{name}'. Known: baseline, verify, proof, search, search-zipf, search-classes, mixed, quality, write, page-document, page-search, page-quality, lag, lag-services, webhooks, webhooks-feed."),
    };

    /// <summary>The six services' codes, from the catalogue.</summary>
    public static readonly string[] ServiceCodes = [.. ServiceCatalogue.All.Select(s => s.Code)];

    static readonly string[] Periods =
        [$"{DateTime.Today.Year}", .. Enumerable.Range(1, 4).Select(q => $"{DateTime.Today.Year}-Q{q}"), .. Enumerable.Range(1, 12).Select(m => $"{DateTime.Today.Year}-{m:D2}")];

    /// <summary>A service's quality indicators for the current year, one of its quarters or one of its months (17 periods × 6 services).</summary>
    static string QualityPath() =>
        $"/api/v1/services/{ServiceCodes[Random.Shared.Next(ServiceCodes.Length)]}/quality-indicators?period={Periods[Random.Shared.Next(Periods.Length)]}";

    /// <summary>Random existing numbers, and 5 % numbers that do not exist.</summary>
    static string VerifyPath(Samples s) => Random.Shared.Next(20) == 0
        ? $"/api/v1/verify/ATT-1999-{Random.Shared.Next(999999):D6}"
        : $"/api/v1/verify/{s.Numbers[Random.Shared.Next(s.Numbers.Length)]}";

    /// <summary>
    /// A mix of what people type, in rough proportions of a public registry's search box: a BIN (20 %), a full number
    /// (15 %), a number's beginning (5 %) or end (5 %), a number without its zeros (5 %), one distinctive name word (20 %),
    /// two words of a name (10 %), a common word (5 %), a word with one typo (5 %), a partial BIN (5 %), an old place name
    /// (5 %); a fifth with a filter. Drawn from thousands of sampled documents, so the queries are thousands of distinct ones.
    /// </summary>
    static string SearchPath(Samples s, bool page = false)
    {
        var r = Random.Shared.Next(100);
        var q = r switch
        {
            < 20 => Pick(s.Bins, s.Numbers),
            < 35 => Pick(s.Numbers),
            < 40 => Pick(s.Numbers)[..^3],
            < 45 => Pick(s.Numbers)[^6..],
            < 50 => Unpadded(Pick(s.Numbers)),
            < 70 => NameFragment(Pick(s.Names)),
            < 80 => TwoWords(Pick(s.Names)),
            < 85 => Pick(s.CommonWords),
            < 90 => Typo(NameFragment(Pick(s.Names))),
            < 95 => Pick(s.Bins, s.Numbers)[..Random.Shared.Next(6, 10)],
            _ => Pick(OldPlaceNames),
        };
        var filter = Random.Shared.Next(5) == 0 ? 1 + Random.Shared.Next(Filters.Length - 1) : 0;
        return page ? $"/kk/search?q={Uri.EscapeDataString(q)}{PageFilters[filter]}" : $"/api/v1/registry/search?q={Uri.EscapeDataString(q)}{Filters[filter]}";
    }

    /// <summary>
    /// The same mix drawn as search logs are: a pool of 10,000 distinct queries whose popularity follows Zipf's law (s = 1:
    /// the k-th most asked query comes 1/k as often as the first), so popular names and numbers repeat as in real
    /// traffic. "search" draws every query afresh (nearly all miss the read cache): the worst case, not the usual one.
    /// </summary>
    static Scenario SearchZipf(HttpClient http, Samples samples)
    {
        var pool = Enumerable.Range(0, 40_000).Select(_ => SearchPath(samples)).Distinct().Take(10_000).ToArray();
        var cumulative = new double[pool.Length];
        var total = 0.0;
        for (var k = 0; k < pool.Length; k++) cumulative[k] = total += 1.0 / (k + 1);
        Console.WriteLine($"search-zipf: {pool.Length} distinct queries, the most asked one {100 / total:0.#} % of requests");
        return new("search-zipf", () =>
        {
            var at = Array.BinarySearch(cumulative, Random.Shared.NextDouble() * total);
            return Get(http, pool[Math.Min(at < 0 ? ~at : at, pool.Length - 1)]);
        });
    }

    static readonly string[] OldPlaceNames = ["Гурьев", "Актюбинск", "Семипалатинск", "Целиноград", "Акмола", "Усть-Каменогорск", "Джезказган", "Кзыл-Орда", "Уральск", "Чимкент"];

    /// <summary>
    /// One class of query the issue names, sent by one user at a time (search-classes expands to one scenario per class):
    /// each request draws another query of that class from the sample, so the figure is not one cached plan.
    /// </summary>
    public static readonly string[] Classes =
        ["bin", "number", "number-prefix", "word-prefix", "unpadded-number", "common-word", "two-words", "three-words", "latin", "typo", "old-place-name", "partial-bin",
         "digits-in-name"];

    static Scenario SearchClass(string name, HttpClient http, Samples s)
    {
        var cls = name["search-class:".Length..];
        Func<string> query = cls switch
        {
            "bin" => () => Pick(s.Bins, s.Numbers),
            "number" => () => Pick(s.Numbers),
            "number-prefix" => () => Pick(s.Numbers)[..^3],
            "unpadded-number" => () => Unpadded(Pick(s.Numbers)),
            "common-word" => () => Pick(s.CommonWords),
            "two-words" => () => TwoWords(Pick(s.Names)),
            "word-prefix" => () => WordPrefix(NameFragment(Pick(s.Names))),
            "three-words" => () => ThreeWords(Pick(s.Names)),
            "latin" => () => Pick(["Qaragandy", "Atyrau", "Saryarqa", "Shymkent", "Aqtobe", "Oskemen", "Pavlodar", "Almaty Servis"]),
            "typo" => () => Typo(NameFragment(Pick(s.Names))),
            "old-place-name" => () => Pick(OldPlaceNames),
            "partial-bin" => () => Pick(s.Bins, s.Numbers)[..Random.Shared.Next(6, 10)],
            "digits-in-name" => () => DigitsInName(s),
            _ => throw new ArgumentException($"Unknown search class '{cls}'. Known: {string.Join(", ", Classes)}."),
        };
        return new(name, () => Get(http, $"/api/v1/registry/search?q={Uri.EscapeDataString(query())}"));
    }

    static string Pick(string[] values, string[]? fallback = null) =>
        values.Length > 0 ? values[Random.Shared.Next(values.Length)] : fallback![Random.Shared.Next(fallback!.Length)];

    /// <summary>ATT-2019-000017 as a person copies it from paper: ATT-2019-17.</summary>
    static string Unpadded(string number)
    {
        var dash = number.LastIndexOf('-');
        if (dash < 0) return number;
        var digits = number[(dash + 1)..].TrimStart('0');
        return number[..(dash + 1)] + (digits.Length > 0 ? digits : "0");
    }

    static string[] Words(string name) =>
        name.Split([' ', '«', '»', '"', '-', '№'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 2).ToArray();

    /// <summary>The longest word of the name inside its quotes, as a person would type it.</summary>
    static string NameFragment(string name) => Words(name).OrderByDescending(w => w.Length).FirstOrDefault() ?? name;

    /// <summary>Two neighbouring words of a name ("Атырау Мұнай").</summary>
    static string TwoWords(string name)
    {
        var words = Words(name);
        if (words.Length < 2) return name;
        var i = Random.Shared.Next(words.Length - 1);
        return $"{words[i]} {words[i + 1]}";
    }

    /// <summary>The first three to five letters of a word, as a person stops typing it ("Мұра").</summary>
    static string WordPrefix(string word) => word[..Math.Min(word.Length, Random.Shared.Next(3, 6))];

    /// <summary>Three words as people type them: a legal form, a city and a trade word, each held by thousands of holders
    /// ("ТОО Астана Газ": the hardest to count, too many to count cheaply and too few to walk), or the first three words
    /// of a holder's name ("ТОО Мұратли Транс").</summary>
    static string ThreeWords(string name)
    {
        if (Random.Shared.Next(2) == 0) return $"{Pick(LegalForms)} {Pick(Cities)} {Pick(TradeWords)}";
        var words = name.Split([' ', '«', '»', '"'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 ? string.Join(' ', words.Take(3)) : $"{Pick(LegalForms)} {name}";
    }

    static readonly string[] LegalForms = ["ТОО", "ЖШС", "АО", "АҚ", "ИП"];
    static readonly string[] Cities = ["Астана", "Алматы", "Шымкент", "Актобе", "Караганды", "Атырау", "Семей", "Павлодар", "Өскемен", "Тараз", "Костанай"];
    static readonly string[] TradeWords = ["Сервис", "Құрылыс", "Мұнай", "Газ", "Лифт", "Кен", "Строй", "Энерго", "Групп", "Инжиниринг", "Транс", "Пром", "Техно", "Холдинг"];

    /// <summary>One letter dropped from a word long enough that the typo is still corrected (<see cref="Typos.MinLength"/>
    /// letters typed): a shorter one finds nothing, which is not the class measured. Shorter words as typed.</summary>
    static string Typo(string word) => word.Length <= Typos.MinLength ? word : word.Remove(1 + Random.Shared.Next(word.Length - 2), 1);

    static string DigitsInName(Samples s)
    {
        for (var i = 0; i < 50; i++)
        {
            var digits = new string([.. Pick(s.Names).SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit)]);
            if (digits.Length >= 4) return digits;
        }
        return "2004";
    }

    static async Task<Reply> Get(HttpClient http, string path, bool compressed = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (compressed) request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
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
    static async Task<Reply> Decide(HttpClient http, string token, Samples samples)
    {
        var (reply, _) = await SubmitAndDecide(http, token, samples);
        return reply;
    }

    static async Task<(Reply Reply, string? Number)> SubmitAndDecide(HttpClient http, string token, Samples samples, string service = "attestation")
    {
        var submit = await Post(http, token, "/api/v1/applications", ApplicationJson(samples, service));
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
    /// run out, each step submits its own. One watcher asks bulk verify every 5 ms about the oldest numbers not yet
    /// visible, so watching adds one request per 5 ms, not one per decision. The decisions are on one service's
    /// applications (`lag`: attestations, all waiting on one number counter) or on the six services' in turn
    /// (`lag-services`: six counters, as a registry's decisions spread).
    /// </summary>
    public static async Task<Scenario> LagAsync(HttpClient http, string token, Samples samples, int submitted, string connection, IReadOnlyList<string> services)
    {
        var decide = await PreSubmittedDecisionsAsync(http, token, samples, submitted, connection, services);
        var lag = new LongConcurrentHistogram(1, 60_000_000, 3);
        var watch = new LagWatch(http, lag);
        var running = new CancellationTokenSource();
        var watcher = Task.Run(() => watch.RunAsync(running.Token));

        async Task Finish()
        {
            for (var i = 0; i < 2000 && watch.Pending > 0; i++) await Task.Delay(5);
            await running.CancelAsync();
            await watcher;
            if (watch.Pending > 0) Console.WriteLine($"lag: {watch.Pending} decisions not visible 10 s after the run");
            Console.WriteLine($"lag: slowest seconds of commits (UTC, max lag, decisions): {watch.SlowestSeconds(5)}");
        }

        return new(services.Count == 1 ? "lag" : "lag-services", async () =>
        {
            var (reply, number) = await decide();
            if (number is not null) watch.Committed(number);
            return reply;
        }, lag, Finish);
    }

    /// <summary>Decisions on applications submitted before the run (<paramref name="submitted"/> of them), so that the measured
    /// rate is decisions alone; once they run out, each step submits its own. Returns the step: reply and the new number.</summary>
    public static async Task<Func<Task<(Reply Reply, string? Number)>>> PreSubmittedDecisionsAsync(HttpClient http, string token, Samples samples, int submitted,
        string connection, IReadOnlyList<string>? services = null)
    {
        services ??= ["attestation"];
        var ready = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, submitted), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var submit = await Post(http, token, "/api/v1/applications", ApplicationJson(samples, services[i % services.Count]));
            if (submit.Reply.Ok) ready.Enqueue(JsonDocument.Parse(submit.Body).RootElement.GetProperty("id").GetString()!);
        });
        if (submitted > 0) await SettleAsync(http, connection);
        var next = 0;
        return () => ready.TryDequeue(out var id) ? DecideReturningNumber(http, token, id)
            : SubmitAndDecide(http, token, samples, services[(Interlocked.Increment(ref next) & int.MaxValue) % services.Count]);
    }

    /// <summary>
    /// Waits until every projector has read the submissions, then vacuums and analyzes the database: the work autovacuum
    /// would start on the submissions' tables within its next minute (autovacuum_naptime), done before the measured
    /// decisions instead of at a random moment among them. Measured straight after the submissions, the run shared two
    /// cores with that aftermath: decisions' own latency went from 60 ms to 3 s between two runs of the same code, and the
    /// lag with it; with a 10 s pause instead, autovacuum still fell inside some runs (receipts, idempotency keys and the
    /// audit log, up to 0.3 of a core for 20 s).
    /// </summary>
    static async Task SettleAsync(HttpClient http, string connection)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            using var response = await http.GetAsync("/health/ready"); // 503 while a projector is behind, with the same body
            using var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (ready.RootElement.GetProperty("projections").EnumerateArray().All(p => p.GetProperty("pending").GetInt64() == 0)) break;
            await Task.Delay(500);
        }
        var caughtUp = waited.Elapsed;
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var vacuum = new NpgsqlCommand("vacuum (analyze)", conn) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.WriteLine($"settled: projectors caught up {caughtUp.TotalSeconds:F0} s after the submissions, vacuumed in {(waited.Elapsed - caughtUp).TotalSeconds - 2:F0} s, then 2 s");
    }

    /// <summary>
    /// Asks bulk verify every 5 ms about the oldest decisions not yet visible, <see cref="Window"/> of them, more while
    /// whole windows come back visible: the projector applies in commit order, so these are the ones about to appear;
    /// asking about every pending number at 200 Hz loaded the server with the watching itself. The decisions wait in the order they were answered, so a
    /// backlog costs the watcher nothing: sorting every pending number on each round took a growing share of the two
    /// cores the server shares with it just when the server fell behind.
    /// </summary>
    sealed class LagWatch(HttpClient http, LongConcurrentHistogram lag)
    {
        /// <summary>The oldest this many are asked about; when all of them were visible, twice as many are asked at once
        /// (up to bulk verify's 1,000), until some are not. With a fixed 32 the watcher could not keep up with a
        /// projector batch of hundreds appearing at once: 32 a round, and a round takes longer the busier the server.
        /// At 400 decisions/s it drained about as fast as decisions came, so a backlog it saw stayed, and it reported
        /// 27.5 s of lag in a run whose oldest unprojected outbox row was never over 6 s old.</summary>
        const int Window = 32, MaxWindow = 1000;
        readonly ConcurrentQueue<(string Number, long Committed)> answered = new();
        readonly LinkedList<(string Number, long Committed)> waiting = new();
        readonly Dictionary<long, (long MaxMicroseconds, int Decisions)> bySecond = [];
        readonly long clockAtStart = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ticksAtStart = Stopwatch.GetTimestamp();
        int pending;

        /// <summary>The seconds whose commits waited longest to become visible: when the lag was, to set beside the server's
        /// logs and samples of that moment (a p99 alone does not say whether one stall or the whole run made it).</summary>
        public string SlowestSeconds(int count) => string.Join(", ", bySecond.OrderByDescending(s => s.Value.MaxMicroseconds).Take(count)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.FromUnixTimeSeconds(s.Key):HH:mm:ss} {s.Value.MaxMicroseconds / 1000.0:F0} ms ({s.Value.Decisions})")));

        public int Pending => Volatile.Read(ref pending);

        public void Committed(string number)
        {
            Interlocked.Increment(ref pending);
            answered.Enqueue((number, Stopwatch.GetTimestamp()));
        }

        public async Task RunAsync(CancellationToken ct)
        {
            var size = Window;
            while (!ct.IsCancellationRequested)
            {
                while (answered.TryDequeue(out var decision)) waiting.AddLast(decision);
                var window = new Dictionary<string, LinkedListNode<(string Number, long Committed)>>(StringComparer.Ordinal);
                for (var node = waiting.First; node is not null && window.Count < size; node = node.Next) window[node.Value.Number] = node;
                var asked = window.Count;
                if (window.Count > 0)
                {
                    using var response = await http.PostAsync("/api/v1/verify",
                        new StringContent(JsonSerializer.Serialize(new { numbers = window.Keys }), Encoding.UTF8, "application/json"), CancellationToken.None);
                    var seen = Stopwatch.GetTimestamp();
                    if (response.IsSuccessStatusCode)
                        foreach (var result in JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement.GetProperty("results").EnumerateArray())
                            if (result.GetProperty("found").GetBoolean() && window.Remove(result.GetProperty("number").GetString()!, out var node))
                            {
                                waiting.Remove(node);
                                Interlocked.Decrement(ref pending);
                                var microseconds = Math.Max(1, (seen - node.Value.Committed) * 1_000_000 / Stopwatch.Frequency);
                                lag.RecordValue(microseconds);
                                var second = (clockAtStart + (node.Value.Committed - ticksAtStart) * 1000 / Stopwatch.Frequency) / 1000;
                                var (max, decisions) = bySecond.GetValueOrDefault(second);
                                bySecond[second] = (Math.Max(max, microseconds), decisions + 1);
                            }
                }
                if (asked == size && window.Count == 0)
                {
                    size = Math.Min(size * 2, MaxWindow); // every one asked was visible: more are likely to be
                    continue;
                }
                size = Window;
                try { await Task.Delay(5, ct); } catch (OperationCanceledException) { }
            }
        }
    }

    internal static async Task<(Reply Reply, string Body)> Post(HttpClient http, string token, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (new Reply(response.IsSuccessStatusCode, (int)response.StatusCode, body.Length), body);
    }

    /// <summary>An application on paper at the Committee by a legal entity, carrying what its service's standard asks for.
    /// Its name and region are a sampled holder's (with a new BIN): written as "ТОО «Нагрузочный тест N»" in Астана, every
    /// lag run put 13,000 documents without the registry's words at the head of the search order, and the first page
    /// of a place name walked past them (Latin-spelling class p50 25 ms after four runs at 1M, 2–5 ms on a fresh load).</summary>
    static string ApplicationJson(Samples samples, string service = "attestation")
    {
        var (name, region) = samples.Holders.Length > 0 ? samples.Holders[Random.Shared.Next(samples.Holders.Length)] : ("ТОО «Нагрузочный тест»", "Астана");
        var definition = ServiceCatalogue.Find(service) ?? throw new ArgumentException($"Unknown service '{service}'.");
        var expertise = DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(new
        {
            service,
            channel = "committee",
            applicant = new { type = "legal-entity", identifier = Bin(), name, region },
            sectors = service == "attestation" ? new[] { "oil-and-gas" } : [],
            activities = service == "attestation" ? new[] { "industrial-safety-expertise" } : [],
            subjects = service is "attestation" or "accreditation" ? [] : new[] { new { name = "Подъёмный кран КС-55713" } },
            expertConclusion = definition.ExpertConclusionRequired ? new { expertOrganisation = "ТОО «Эксперт»", number = "EX-1", expertiseDate = expertise } : null,
            documents = definition.DocumentsFor(Channel.Committee, ApplicantType.LegalEntity).Select(d => new { code = d.Code, title = d.Title.Ru }),
            acceptorPhone = definition.ProofOn(Channel.Committee)?.Kind == IntakeProofKind.MarkedApplicationCopy ? "8 (7172) 74-96-59" : null,
        });
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
