using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Registry.Domain.Common;
using Registry.Projections.Public;

namespace Registry.Api.Features.Proofs;

/// <summary>
/// Signs verify answers: for GET /api/v1/verify/{number}/proof, a new proof each time; for a document page's QR code, one
/// proof per document version and day, kept, so that the page and its QR image (asked for separately) carry the same proof
/// and the inspectors' hot path signs once a day per document, not once a request.
/// </summary>
public sealed class DocumentProofs(ProofKeyRing keys, IOptions<ProofOptions> options, TimeProvider clock) : IDisposable
{
    readonly MemoryCache forPages = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public string KeyId => keys.ActiveKeyId;

    /// <summary>The answer for the document on <paramref name="asOf"/>, signed now, expiring after Proofs:Lifetime.</summary>
    public (string Jws, ProofClaims Claims) Sign(PublicDocument document, DateOnly asOf)
    {
        var now = clock.GetUtcNow();
        var answer = Projections.Public.Verification.Verify(document, asOf, null);
        var claims = new ProofClaims(answer.Number, answer.Kind.Slug(), answer.Holder.Name, answer.Holder.Identifier, answer.Holder.IdentifierKind.Slug(),
            answer.StatusOnDate, answer.Valid, answer.AsOf, answer.ValidUntil, now.ToUnixTimeSeconds(), (now + options.Value.Lifetime).ToUnixTimeSeconds());
        return (Jws.Sign(claims, keys.ActiveKey, keys.ActiveKeyId), claims);
    }

    /// <summary>The proof a document's page shows in its QR code on <paramref name="today"/>: the same for the same version
    /// of the document that day (a change of status gives a new version, hence a new proof).</summary>
    public string ForPage(PublicDocument document, DateOnly today) =>
        forPages.GetOrCreate((document.Number, document.Version, today), entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1);
            return Sign(document, today).Jws;
        })!;

    public void Dispose() => forPages.Dispose();
}
