using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;

namespace Registry.Api.Features.OpenData;

public sealed class OpenDataOptions
{
    /// <summary>Where exports are written and served from (one folder per export).</summary>
    public string Directory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "registry", "open-data");

    /// <summary>The scheduled job exports when the latest export is older than this (and at start-up if there is none).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    public bool Enabled { get; set; } = true;

    /// <summary>How many exports to keep; older ones are deleted after a new one is complete.</summary>
    public int Keep { get; set; } = 3;
}

public sealed record ExportFile(string Name, string MediaType, long Bytes, string Sha256);

public sealed record ExportManifest(string Id, DateTime CreatedAt, long Documents, IReadOnlyList<ExportFile> Files, double Seconds);

/// <summary>
/// The whole public registry as open data: CSV and JSON Lines (gzip), a Frictionless datapackage.json describing every
/// column, and SHA256SUMS. PostgreSQL formats the rows (COPY … TO STDOUT) and the API only compresses and hashes the
/// stream, so memory stays constant whatever the size. Both files come from one snapshot and are written in
/// parallel. Everything is taken from the public view of each document (IIN masked; no refusals, notes or contacts).
/// </summary>
public static class OpenDataExport
{
    public const string CsvFile = "documents.csv.gz";
    public const string JsonLinesFile = "documents.jsonl.gz";
    public const string DataPackageFile = "datapackage.json";
    public const string ManifestFile = "SHA256SUMS";
    const string PartialPrefix = ".partial-";
    const string IdFormat = "yyyyMMdd'T'HHmmss'.'fff'Z'";
    public static readonly string[] Files = [CsvFile, JsonLinesFile, DataPackageFile, ManifestFile];

    public sealed record Column(string Name, string Type, string Sql, string Description, string[]? Enum = null, bool Required = false);

    /// <summary>One list drives the SQL of both files and the datapackage schema, so the description cannot drift.</summary>
    public static readonly Column[] Columns =
    [
        new("number", "string", "d.public_json->>'number'", "Document number, e.g. ATT-2026-000123: kind prefix, year of issue, sequence.", Required: true),
        new("kind", "string", "d.public_json->>'kind'", "Kind of document (one per state service).",
            Enum: ["attestation", "permit", "declaration", "accreditation", "fire-equipment-conclusion", "standard-agreement"], Required: true),
        new("status", "string", "d.public_json->>'status'", "Current status.", Enum: ["valid", "suspended", "revoked", "expired"], Required: true),
        new("issued_on", "date", "(d.public_json->>'issuedOn')::date", "Date of issue.", Required: true),
        new("valid_until", "date", "(d.public_json->>'validUntil')::date", "End of the validity term; empty when the document has none."),
        new("deemed", "boolean", "(d.public_json->>'deemed')::boolean", "Issued because the application was not answered in time (silence is consent).", Required: true),
        new("holder_name", "string", "d.public_json->'holder'->>'name'", "Holder's current name.", Required: true),
        new("holder_identifier", "string", "d.public_json->'holder'->>'identifier'",
            "Holder's BIN; for an individual the IIN masked (first two and last two digits); empty for a non-resident."),
        new("holder_identifier_kind", "string", "d.public_json->'holder'->>'identifierKind'", "What holder_identifier is.", Enum: ["bin", "iin", "none"]),
        new("holder_type", "string", "d.public_json->'holder'->>'type'", "Legal entity, individual or non-resident legal entity."),
        new("region", "string", "d.public_json->'holder'->>'region'", "Holder's region."),
        new("former_names", "array", "d.public_json->'holder'->'formerNames'", "Holder's former names (JSON array of strings)."),
        new("sectors", "array", "d.public_json->'sectors'", "Industry sectors covered (JSON array of strings)."),
        new("scope", "array", "d.public_json->'scope'", "Activity sub-types, technologies, devices or products covered (JSON array of strings)."),
        new("status_history", "array", "d.public_json->'history'",
            "Status changes, oldest first (JSON array of objects: status, effectiveOn, reason)."),
        new("version", "integer", "d.version", "Document version; grows with every change.", Required: true),
    ];

    static string Select(Func<Column, string> expression) =>
        $"select {string.Join(", ", Columns.Select(c => $"{expression(c)} as {c.Name}"))} from read.documents d order by d.number_norm";

    /// <summary>booleans as true/false (COPY would write t/f); the rest as PostgreSQL renders it in CSV.</summary>
    static readonly string CsvCopy = $"copy ({Select(c => c.Type == "boolean" ? $"({c.Sql})::text" : c.Sql)}) to stdout with (format csv, header true)";

    /// <summary>One JSON object per line, keys in column order (row_to_json; jsonb would sort them). COPY's CSV mode with a delimiter and quote that JSON text never contains
    /// (control characters are always escaped in JSON) writes each value as it is, one per line; text mode would double
    /// every backslash.</summary>
    static readonly string JsonLinesCopy = $"copy (select row_to_json(r)::text from ({Select(c => c.Sql)}) r) to stdout with (format csv, delimiter e'\\x1f', quote e'\\x1e')";

    /// <summary>Give it the long-running data source (Database.LongRunning): the serving one stops a statement after 2 s.</summary>
    public static async Task<ExportManifest> RunAsync(NpgsqlDataSource dataSource, OpenDataOptions options, TimeProvider clock, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var id = started.ToString(IdFormat, CultureInfo.InvariantCulture);
        var root = System.IO.Directory.CreateDirectory(options.Directory);
        var partial = System.IO.Directory.CreateDirectory(Path.Combine(root.FullName, PartialPrefix + id));
        try
        {
            // Two connections on one snapshot: both files show the same registry, and compress on both cores.
            await using var first = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await first.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var snapshot = await first.ExecuteScalarAsync<string>(new CommandDefinition("select pg_export_snapshot()", transaction: tx, cancellationToken: ct));
            await using var second = await dataSource.OpenConnectionAsync(ct);
            await using var tx2 = await second.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await second.ExecuteAsync(new CommandDefinition($"set transaction snapshot '{snapshot}'", transaction: tx2, cancellationToken: ct));

            var csv = CopyAsync(first, CsvCopy, Path.Combine(partial.FullName, CsvFile), ct);
            var jsonLines = CopyAsync(second, JsonLinesCopy, Path.Combine(partial.FullName, JsonLinesFile), ct);
            var (csvFile, _) = await csv;
            var (jsonLinesFile, documents) = await jsonLines;
            var dataFiles = new[] { csvFile with { MediaType = "text/csv" }, jsonLinesFile with { MediaType = "application/jsonl" } };

            var package = JsonSerializer.SerializeToUtf8Bytes(DataPackage(id, started.UtcDateTime, documents, dataFiles), DataPackageJson.Default.DataPackageDocument);
            await File.WriteAllBytesAsync(Path.Combine(partial.FullName, DataPackageFile), package, ct);
            var files = dataFiles.Append(new ExportFile(DataPackageFile, "application/json", package.Length, Convert.ToHexStringLower(SHA256.HashData(package)))).ToList();
            var sums = Encoding.ASCII.GetBytes(string.Concat(files.Select(f => $"{f.Sha256}  {f.Name}\n")));
            await File.WriteAllBytesAsync(Path.Combine(partial.FullName, ManifestFile), sums, ct);
            files.Add(new ExportFile(ManifestFile, "text/plain", sums.Length, Convert.ToHexStringLower(SHA256.HashData(sums))));

            // Published only once complete: readers list finished folders only.
            System.IO.Directory.Move(partial.FullName, Path.Combine(root.FullName, id));
            Prune(root, options.Keep);
            return new ExportManifest(id, started.UtcDateTime, documents, files, (clock.GetUtcNow() - started).TotalSeconds);
        }
        finally
        {
            if (System.IO.Directory.Exists(partial.FullName)) System.IO.Directory.Delete(partial.FullName, recursive: true);
        }
    }

    /// <summary>Streams COPY output through gzip to the file, hashing the compressed bytes on the way and counting lines.
    /// (Npgsql's raw COPY stream takes the binary format only, so the text is decoded and encoded again: cheap next to gzip.)</summary>
    static async Task<(ExportFile File, long Lines)> CopyAsync(NpgsqlConnection conn, string copy, string path, CancellationToken ct)
    {
        using var source = await conn.BeginTextExportAsync(copy, ct);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashing = new HashingStream(file, hash);
        long lines = 0;
        await using (var gzip = new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true))
        await using (var text = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
        {
            var buffer = new char[1 << 15];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count('\n');
                await text.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        await file.FlushAsync(ct);
        return (new ExportFile(Path.GetFileName(path), "", file.Length, Convert.ToHexStringLower(hash.GetHashAndReset())), lines);
    }

    static void Prune(DirectoryInfo root, int keep)
    {
        foreach (var old in List(root.FullName).Skip(Math.Max(1, keep))) System.IO.Directory.Delete(Path.Combine(root.FullName, old), recursive: true);
    }

    /// <summary>Finished exports, newest first.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        System.IO.Directory.Exists(directory)
            ? [.. new DirectoryInfo(directory).GetDirectories().Select(d => d.Name).Where(IsExportId).OrderDescending(StringComparer.Ordinal)]
            : [];

    public static bool IsExportId(string name) => TryParseId(name, out _);

    /// <summary>An export is named by when it started (UTC, to the millisecond), so names sort by age.</summary>
    public static bool TryParseId(string name, out DateTime startedAt) =>
        DateTime.TryParseExact(name, IdFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out startedAt);

    static DataPackageDocument DataPackage(string id, DateTime created, long documents, IReadOnlyList<ExportFile> files)
    {
        var schema = new TableSchema(
            [.. Columns.Select(c => new TableField(c.Name, c.Type, c.Description,
                c.Enum is null && !c.Required ? null : new FieldConstraints(c.Required ? true : null, c.Name == "number" ? true : null, c.Enum)))],
            "number");
        return new DataPackageDocument(
            "https://datapackage.org/profiles/2.0/datapackage.json",
            "registry-industrial-fire-safety-documents",
            $"registry-{id}",
            "Registry of industrial and fire safety documents (Kazakhstan, Ministry of Emergency Situations)",
            "Every document in the public registry: attestations, permits, declaration registrations, accreditation certificates, "
                + "fire-equipment conclusions and standard agreements, with their holders and status history. The IIN of an individual is masked.",
            created, documents,
            [
                Resource("documents-csv", files[0], "csv", schema, documents),
                Resource("documents-jsonl", files[1], "jsonl", schema, documents),
            ]);
    }

    static DataResource Resource(string name, ExportFile file, string format, TableSchema schema, long rows) =>
        new(name, "https://datapackage.org/profiles/2.0/dataresource.json", "table", file.Name, format, file.MediaType, "utf-8", "gz",
            file.Bytes, $"sha256:{file.Sha256}", rows, schema);
}

public sealed record DataPackageDocument(
    [property: JsonPropertyName("$schema")] string Profile, string Name, string Id, string Title, string Description, DateTime Created, long Documents,
    IReadOnlyList<DataResource> Resources);

public sealed record DataResource(
    string Name, [property: JsonPropertyName("$schema")] string Profile, string Type, string Path, string Format, string Mediatype, string Encoding,
    string Compression, long Bytes, string Hash, long Rows, TableSchema Schema);

public sealed record TableSchema(IReadOnlyList<TableField> Fields, string PrimaryKey);

public sealed record TableField(string Name, string Type, string Description, FieldConstraints? Constraints);

public sealed record FieldConstraints(bool? Required, bool? Unique, [property: JsonPropertyName("enum")] string[]? Enum);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataPackageDocument))]
public sealed partial class DataPackageJson : JsonSerializerContext;

/// <summary>Hashes what it writes: the digest of a file is known when the file is, with no second read.</summary>
sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        inner.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        hash.AppendData(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
