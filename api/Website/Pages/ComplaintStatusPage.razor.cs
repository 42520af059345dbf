using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Registry.Api.Features.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class ComplaintStatusPage
{
    /// <summary>Talon: the number as typed, shown back in the form; the access code never is.</summary>
    public sealed record StatusModel(string? Talon, ComplaintStatusLookup.Response? Found, Text? Error);

    public static IResult Form(Lang lang, HttpContext http) =>
        new HtmlPage<ComplaintStatusPage>(Site.For(http, lang), new StatusModel(null, null, null), cacheable: false);

    /// <summary>The same lookup as POST /api/v1/complaint-status. A POST form, so the code stays out of addresses, history
    /// and logs; an unknown number and a wrong code get the same words and the same 404.</summary>
    public static async Task<IResult> Handle(Lang lang, [FromForm] string? talon, [FromForm] string? code, HttpContext http, NpgsqlDataSource dataSource,
        CancellationToken ct)
    {
        var site = Site.For(http, lang);
        if (string.IsNullOrWhiteSpace(talon) || string.IsNullOrWhiteSpace(code))
            return new HtmlPage<ComplaintStatusPage>(site, new StatusModel(talon, null, Labels.TalonFieldsMissing), StatusCodes.Status400BadRequest, cacheable: false);
        return await ComplaintStatusLookup.FindAsync(talon, code, dataSource, ct) is { } found
            ? new HtmlPage<ComplaintStatusPage>(site, new StatusModel(talon, found, null), cacheable: false)
            : new HtmlPage<ComplaintStatusPage>(site, new StatusModel(talon, null, Labels.NoSuchComplaint), StatusCodes.Status404NotFound, cacheable: false);
    }
}
