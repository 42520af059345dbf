// Reads a Stryker.NET mutation-report.json and prints one line: the score overall and per file, plus the
// survivors (file:line mutator → replacement) to the file given as the second argument.
// Score as Stryker computes it: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and
// ignored mutants are not counted.
// Usage: dotnet run scripts/mutation-score.cs -- <mutation-report.json> <survivors.txt>
using System.Text.Json;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/mutation-score.cs -- <mutation-report.json> <survivors.txt>");
    return 2;
}

using var report = JsonDocument.Parse(File.ReadAllText(args[0]));
var perFile = new List<(string File, int Detected, int Undetected)>();
var survivors = new List<string>();
foreach (var file in report.RootElement.GetProperty("files").EnumerateObject())
{
    var name = Path.GetFileNameWithoutExtension(file.Name);
    int detected = 0, undetected = 0;
    foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
    {
        var status = mutant.GetProperty("status").GetString();
        if (status is "Killed" or "Timeout") detected++;
        else if (status is "Survived" or "NoCoverage")
        {
            undetected++;
            var line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
            survivors.Add($"{Path.GetRelativePath(Environment.CurrentDirectory, file.Name)}:{line} {status} {mutant.GetProperty("mutatorName").GetString()} → {mutant.GetProperty("replacement").GetString()}");
        }
    }
    if (detected + undetected > 0) perFile.Add((name, detected, undetected));
}

static string Score(int detected, int undetected) =>
    detected + undetected == 0 ? "n/a" : $"{100.0 * detected / (detected + undetected):0.0} %";

var totalDetected = perFile.Sum(f => f.Detected);
var totalUndetected = perFile.Sum(f => f.Undetected);
File.WriteAllLines(args[1], survivors);
Console.WriteLine($"mutation score {Score(totalDetected, totalUndetected)} ({totalDetected} of {totalDetected + totalUndetected} mutants detected) | "
    + string.Join(" · ", perFile.OrderBy(f => f.File, StringComparer.Ordinal).Select(f => $"{f.File} {Score(f.Detected, f.Undetected)}")));
return 0;
