using Microsoft.Extensions.Options;
using Registry.Api.Features.OpenData;
using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class OpenDataPage
{
    /// <summary>Latest: the newest complete export (null before the first).</summary>
    public sealed record OpenDataModel(OpenDataModule.ExportSummary? Latest);

    /// <summary>The same listing as GET /api/v1/exports, for people: files, sizes, SHA-256 and how to check a download.</summary>
    public static IResult Handle(Lang lang, HttpContext http, IOptions<OpenDataOptions> options) =>
        new HtmlPage<OpenDataPage>(Site.For(http, lang), new OpenDataModel(OpenDataModule.Exports(options.Value.Directory).FirstOrDefault()));

    static Text Describe(string file) => file switch
    {
        OpenDataExport.CsvFile => Labels.OpenDataCsv,
        OpenDataExport.JsonLinesFile => Labels.OpenDataJsonLines,
        OpenDataExport.DataPackageFile => Labels.OpenDataPackage,
        _ => Labels.OpenDataSums,
    };
}
