using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Carter;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Registry.Api.Infrastructure;
using Registry.Api.Website.Pages;

namespace Registry.Api.Website;

/// <summary>
/// The public website, in Kazakh (/kk, the default) and Russian (/ru): pages rendered on the server from the same query
/// services as the API, plain GET forms, the same per-client rate limit. Not part of the OpenAPI document.
/// </summary>
public sealed class WebsiteModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/kk")).ExcludeFromDescription();
        app.MapGet("/assets/{name}", SiteAssets.Serve).ExcludeFromDescription();
        app.MapGet("/documents/{number}/qr.svg", Shared.QrCode.Image).ExcludeFromDescription().RequireRateLimiting(PublicApiPolicies.PolicyName);
        app.MapGet("/documents/{number}", DocumentPage.Canonical).ExcludeFromDescription().RequireRateLimiting(PublicApiPolicies.PolicyName);

        var site = app.MapGroup("/{lang:regex(^(kk|ru)$)}").ExcludeFromDescription().RequireRateLimiting(PublicApiPolicies.PolicyName);
        site.MapGet("/", HomePage.Handle);
        site.MapGet("/verify", HomePage.Verify);
        site.MapGet("/search", ResultsPage.Handle);
        site.MapGet("/documents/{number}", DocumentPage.Handle);
        site.MapGet("/organisations/{bin}", OrganisationPage.Handle);
        site.MapGet("/check", CheckPage.Form);
        // Anonymous reads with nothing to forge: no antiforgery token, so the form works from a saved page too.
        site.MapPost("/check", CheckPage.Handle).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(2 * CheckPage.MaxFileBytes));
        site.MapPost("/check.csv", CheckPage.Csv).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(2 * CheckPage.MaxFileBytes));
        site.MapGet("/services", ServicesPage.Handle);
        site.MapGet("/services/{code}", ServicePage.Handle);
        site.MapGet("/centres", CentresPage.Handle);
        site.MapGet("/open-data", OpenDataPage.Handle);
        site.MapGet("/{**rest}", NotFoundPage.Handle);
    }
}

public static class WebsiteRegistration
{
    public static void AddWebsite(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WebsiteOptions>(builder.Configuration.GetSection("Website"));
        builder.Services.AddSingleton<Shared.QrCode.Drawings>();
        builder.Services.AddSingleton<RenderedPages>();
        // Kazakh and Russian text as UTF-8 characters, not numeric entities (markup characters are still encoded).
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "image/svg+xml", "text/csv"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    /// <summary>Pages and assets are compressed (many inspectors are on slow connections); the API's answers are left as
    /// they were.</summary>
    public static void UseWebsite(this WebApplication app) =>
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), branch => branch.UseResponseCompression());
}
