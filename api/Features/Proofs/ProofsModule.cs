using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Projections.Queries;

namespace Registry.Api.Features.Proofs;

/// <summary>Signed verify answers an inspector can check with no connection, the keys to check them, and the short
/// canonical link a document's QR code opens.</summary>
public sealed class ProofsModule : ICarterModule
{
    public const string JwksPath = "/.well-known/jwks.json";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var verify = app.MapGroup("/api/v1/verify").WithTags("Verification").AllowAnonymous().RequirePublicRateLimit();
        verify.MapGet("/{number}/proof", Issue).WithName("GetVerificationProof")
            .WithSummary("The verify answer as a signed, offline-checkable proof (compact JWS, ES256)")
            .WithDescription("Same number matching and asOf as VerifyDocument. The proof carries number, kind, holder name and BIN (an individual's IIN masked), "
                + "status on that day, iat and exp; check it against /.well-known/jwks.json. qr is what a document's QR code holds: the canonical link with the proof in its fragment.")
            .ProducesValidationProblem();

        var proofs = app.MapGroup("").WithTags("Verification").AllowAnonymous().RequirePublicRateLimit();
        proofs.MapGet(JwksPath, Keys).WithName("GetProofKeys")
            .WithSummary("Public keys that sign verification proofs (JWKS): the current key and retired keys until their last proofs expire")
            .Produces<JsonWebKeySet>(contentType: "application/jwk-set+json");
        proofs.MapPost("/api/v1/proofs/check", Check).WithName("CheckVerificationProof")
            .WithSummary("Check a proof (or a scanned QR text) on the server: valid, invalid, expired or unknownKey, with the reason");
        // A link for people scanning a QR code, not an API operation.
        proofs.MapGet("/d/{number}", OpenDocument).ExcludeFromDescription();
    }

    public sealed record ProofResponse(string Proof, string KeyId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Qr);

    public sealed record CheckRequest(string Proof);

    static async Task<Results<Ok<ProofResponse>, NotFoundProblem>> Issue(string number, DateOnly? asOf, HttpContext http, IVerifyQuery query, DocumentProofs proofs,
        TimeProvider clock, CancellationToken ct)
    {
        number = RouteValues.AsWritten(number);
        var document = await query.FindAsync(DocumentNumber.Normalize(number), ct);
        if (document is null) return new NotFoundProblem("No such document", $"No document numbered '{number}' is in the public registry.");
        var (jws, claims) = proofs.Sign(document, asOf ?? DateOnly.FromDateTime(clock.GetLocalNow().Date));
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ProofResponse(jws, proofs.KeyId, DateTimeOffset.FromUnixTimeSeconds(claims.Iat), DateTimeOffset.FromUnixTimeSeconds(claims.Exp),
            QrPayload.Build($"{http.Request.Scheme}://{http.Request.Host}", document.Number, jws)));
    }

    static JsonHttpResult<JsonWebKeySet> Keys(HttpContext http, ProofKeyRing keys)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Json(keys.KeySet, contentType: "application/jwk-set+json");
    }

    static Results<Ok<ProofVerdict>, ValidationProblem> Check(CheckRequest request, ProofKeyRing keys, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request.Proof) || request.Proof.Length > 8000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["proof"] = ["Send the proof or the scanned QR text, at most 8,000 characters."] },
                type: ProblemTypes.Validation);
        return TypedResults.Ok(Jws.Verify(QrPayload.ProofOf(request.Proof), keys.PublicKeys, clock.GetUtcNow()));
    }

    static async Task<Results<RedirectHttpResult, NotFoundProblem>> OpenDocument(string number, IVerifyQuery query, IOptions<ProofOptions> options, CancellationToken ct)
    {
        number = RouteValues.AsWritten(number);
        var document = await query.FindAsync(DocumentNumber.Normalize(number), ct);
        if (document is null) return new NotFoundProblem("No such document", $"No document numbered '{number}' is in the public registry.");
        return TypedResults.Redirect(options.Value.DocumentPage
            .Replace("{kind}", document.Kind.Slug(), StringComparison.Ordinal)
            .Replace("{number}", Uri.EscapeDataString(document.Number), StringComparison.Ordinal));
    }
}

/// <summary>
/// What a document's QR code holds: <c>{base}/d/{number}#proof={jws}</c>. Online, a scan opens the document's page
/// (browsers never send the fragment to the server); offline, the checker page — served by its service worker for
/// /d/ too — reads the proof from the fragment and checks it with the cached keys.
/// </summary>
public static class QrPayload
{
    public const string Marker = "#proof=";

    public static string Build(string publicBaseUrl, string number, string jws) =>
        $"{publicBaseUrl.TrimEnd('/')}/d/{Uri.EscapeDataString(number)}{Marker}{jws}";

    /// <summary>The proof inside a scanned QR text; a bare proof passes through.</summary>
    public static string ProofOf(string scanned)
    {
        var at = scanned.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? scanned.Trim() : scanned[(at + Marker.Length)..].Trim();
    }
}

public static class ProofsRegistration
{
    public static void AddVerificationProofs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProofOptions>().Bind(builder.Configuration.GetSection("Proofs"))
            .Validate(o => o.Lifetime > TimeSpan.Zero, "Proofs:Lifetime must be positive.").ValidateOnStart();
        builder.Services.AddSingleton(sp => ProofKeyRing.Load(sp.GetRequiredService<IOptions<ProofOptions>>().Value,
            sp.GetRequiredService<TimeProvider>().GetUtcNow(), sp.GetRequiredService<ILogger<ProofKeyRing>>()));
        builder.Services.AddSingleton<DocumentProofs>();
    }

    /// <summary>At start-up rather than on the first proof request: a first start generates the key, and a bad key
    /// directory stops the process at once.</summary>
    public static void LoadProofKeys(this WebApplication app) => app.Services.GetRequiredService<ProofKeyRing>();
}
