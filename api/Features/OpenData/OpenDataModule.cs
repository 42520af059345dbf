using System.Security.Cryptography;
using System.Text.Json;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;

namespace Registry.Api.Features.OpenData;

/// <summary>The open-data files: a listing of the latest exports and the files themselves, with ETag and Range.</summary>
public sealed class OpenDataModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        // No request time-out: the files are large and read from disk, and a download over a slow link takes minutes.
        var g = app.MapGroup("/api/v1/exports").WithTags("Open data").AllowAnonymous().RequirePublicRateLimit();
        g.DisableRequestTimeout();
        g.MapGet("/", List).WithName("ListExports")
            .WithSummary("The latest open-data exports of the whole registry: CSV and JSON Lines (gzip), datapackage.json, SHA256SUMS")
            .WithDescription("Built daily and on demand from the public registry (an individual's IIN masked). latest is the newest complete export; "
                + "/api/v1/exports/latest/{file} always serves its files. Every file has a strong ETag (its SHA-256) and supports Range requests, so an interrupted download resumes.");
        g.MapGet("/latest/{file}", Latest).WithName("GetLatestExportFile")
            .WithSummary("A file of the newest export (documents.csv.gz, documents.jsonl.gz, datapackage.json, SHA256SUMS)")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip").Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        g.MapGet("/{id}/{file}", One).WithName("GetExportFile")
            .WithSummary("A file of one export; never changes, cached for a year")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip").Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);

        // An export of a million documents takes tens of seconds: no request time-out.
        var admin = app.MapGroup("/api/v1/admin/exports").WithTags("Admin").RequireAuthorization(Policies.Administer);
        admin.DisableRequestTimeout();
        admin.MapPost("/", Run).WithName("RunExport")
            .WithSummary("Build a new open-data export now (the scheduled job does it every OpenData:Interval)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public sealed record ExportListing(ExportSummary? Latest, IReadOnlyList<ExportSummary> Exports);

    public sealed record ExportSummary(string Id, DateTime CreatedAt, long Documents, IReadOnlyList<ExportFileLink> Files);

    public sealed record ExportFileLink(string Name, string Url, string LatestUrl, string MediaType, long Bytes, string Sha256);

    static Ok<ExportListing> List(IOptions<OpenDataOptions> options)
    {
        var exports = Exports(options.Value.Directory);
        return TypedResults.Ok(new ExportListing(exports.FirstOrDefault(), exports));
    }

    /// <summary>The complete exports, newest first (what the listing and the website's open-data page show).</summary>
    public static List<ExportSummary> Exports(string directory) =>
        OpenDataExport.List(directory).Select(id => Describe(directory, id)).OfType<ExportSummary>().ToList();

    static Results<PhysicalFileHttpResult, NotFoundProblem> Latest(string file, HttpContext http, IOptions<OpenDataOptions> options) =>
        OpenDataExport.List(options.Value.Directory).FirstOrDefault() is { } id
            ? Serve(options.Value.Directory, id, file, http, "public, max-age=300")
            : new NotFoundProblem("No export yet", "No open-data export has been built yet; try again later.");

    static Results<PhysicalFileHttpResult, NotFoundProblem> One(string id, string file, HttpContext http, IOptions<OpenDataOptions> options) =>
        OpenDataExport.IsExportId(id) ? Serve(options.Value.Directory, id, file, http, "public, max-age=31536000, immutable")
            : new NotFoundProblem("No such export", $"There is no export '{id}'.");

    static async Task<Results<Ok<ExportManifest>, ConflictProblem>> Run(OpenDataExportJob job, CancellationToken ct) =>
        await job.RunNowAsync(ct) is { } manifest
            ? TypedResults.Ok(manifest)
            : new ConflictProblem("Export already running", "Another export is being built; list the exports when it is done.");

    /// <summary>Range, If-None-Match and If-Range are handled by the file result; the ETag is the file's SHA-256.</summary>
    static Results<PhysicalFileHttpResult, NotFoundProblem> Serve(string directory, string id, string file, HttpContext http, string cacheControl)
    {
        if (Describe(directory, id)?.Files.FirstOrDefault(f => f.Name == file) is not { } described)
            return new NotFoundProblem("No such file", $"Export {id} has no file '{file}'. Files: {string.Join(", ", OpenDataExport.Files)}.");
        var path = Path.Combine(directory, id, described.Name);
        http.Response.Headers.CacheControl = cacheControl;
        return TypedResults.PhysicalFile(path, described.MediaType, fileDownloadName: described.Name,
            lastModified: File.GetLastWriteTimeUtc(path), entityTag: new EntityTagHeaderValue($"\"{described.Sha256}\""), enableRangeProcessing: true);
    }

    /// <summary>Sizes from the folder, hashes from SHA256SUMS (and of SHA256SUMS itself), the count from datapackage.json.</summary>
    static ExportSummary? Describe(string directory, string id)
    {
        var folder = Path.Combine(directory, id);
        var sumsPath = Path.Combine(folder, OpenDataExport.ManifestFile);
        var packagePath = Path.Combine(folder, OpenDataExport.DataPackageFile);
        if (!File.Exists(sumsPath) || !File.Exists(packagePath)) return null;
        var sums = File.ReadAllBytes(sumsPath);
        var hashes = System.Text.Encoding.ASCII.GetString(sums).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        hashes[OpenDataExport.ManifestFile] = Convert.ToHexStringLower(SHA256.HashData(sums));
        using var package = JsonDocument.Parse(File.ReadAllBytes(packagePath));
        var files = OpenDataExport.Files.Where(hashes.ContainsKey).Select(name => new ExportFileLink(name, $"/api/v1/exports/{id}/{name}", $"/api/v1/exports/latest/{name}",
            MediaType(name), new FileInfo(Path.Combine(folder, name)).Length, hashes[name])).ToList();
        return new ExportSummary(id, package.RootElement.GetProperty("created").GetDateTime(), package.RootElement.GetProperty("documents").GetInt64(), files);
    }

    static string MediaType(string file) => file switch
    {
        _ when file.EndsWith(".gz", StringComparison.Ordinal) => "application/gzip",
        _ when file.EndsWith(".json", StringComparison.Ordinal) => "application/json",
        _ => "text/plain; charset=utf-8",
    };
}
