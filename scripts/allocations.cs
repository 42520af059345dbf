// Where a process's allocations come from, read from a trace of its allocation ticks (one event about every 100 KB,
// with its stack). The website's allocation figures in docs/search-at-scale.md come from it.
// Collect (the API under load, e.g. scripts/load-test.sh --scenarios baseline,page-search --duration 30s):
//   dotnet-trace collect -p <API pid> --profile gc-verbose --duration 00:00:00:12 -o page-search.nettrace
// Usage: dotnet run scripts/allocations.cs -- page-search.nettrace [frame pattern ...]
// Each tick goes to the first pattern found walking its stack from the allocation outwards (the defaults below name the
// website's renderer and the search's layers), then the sums are printed by pattern and by pattern and type.
#:package Microsoft.Diagnostics.Tracing.TraceEvent
#:property PublishAot=false
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

string[] patterns = args.Length > 1 ? args[1..] :
[
    "StringBuilder.ToString", "StaticHtmlRenderer", "RenderTreeDiffBuilder", "ComponentBase", "Renderer", "BuildRenderTree",
    "Highlighting", "SearchInput.Href", "Site.Href", "SearchText", "QueryReadings", "SearchVocabulary", "KeptPage",
    "CachedSearchQuery", "Dapper", "Npgsql", "System.Text.Json", "PostgresSearchQuery", "HtmlPage", "ResponseCompression",
    "Kestrel", "RateLimit", "Routing",
];
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byPattern = new Dictionary<string, long>();
var byPatternAndType = new Dictionary<string, long>();
long total = 0;
foreach (var traced in log.Events)
{
    if (traced is not GCAllocationTickTraceData tick) continue;
    var found = "other";
    for (var frame = tick.CallStack(); frame is not null; frame = frame.Caller)
        if (patterns.FirstOrDefault(frame.CodeAddress.FullMethodName.Contains) is { } pattern)
        {
            found = pattern;
            break;
        }
    total += tick.AllocationAmount64;
    byPattern[found] = byPattern.GetValueOrDefault(found) + tick.AllocationAmount64;
    var key = $"{found} | {tick.TypeName}";
    byPatternAndType[key] = byPatternAndType.GetValueOrDefault(key) + tick.AllocationAmount64;
}
Console.WriteLine($"{total / 1048576.0:F0} MB sampled");
foreach (var (name, bytes) in byPattern.OrderByDescending(p => p.Value)) Console.WriteLine($"{bytes * 100.0 / total,6:F1} %  {name}");
Console.WriteLine();
foreach (var (name, bytes) in byPatternAndType.OrderByDescending(p => p.Value).Take(40)) Console.WriteLine($"{bytes * 100.0 / total,6:F1} %  {name}");
