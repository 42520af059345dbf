using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Api.Features.Proofs;

/// <summary>What a signed proof says: the verify answer for one document on one day, with an expiry. Claim names are
/// short because the whole proof travels in a QR code.</summary>
public sealed record ProofClaims(
    string Number,
    string Kind,
    string Holder,
    string? HolderId,
    string HolderIdKind,
    string Status,
    bool Valid,
    DateOnly AsOf,
    DateOnly? ValidUntil,
    long Iat,
    long Exp);

public sealed record JwsHeader(string Alg, string Kid, string Typ);

/// <summary>The public half of a signing key, as RFC 7517 lists it.</summary>
public sealed record JsonWebKey(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);

public sealed record JsonWebKeySet(IReadOnlyList<JsonWebKey> Keys);

/// <summary>Valid: signature checks and not expired. The other states say why a proof must not be trusted.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(global::Registry.Domain.Common.SlugJsonConverter<ProofState>))]
public enum ProofState
{
    Valid,
    Invalid,
    Expired,
    UnknownKey,
}

public sealed record ProofVerdict(ProofState State, string? Reason, string? KeyId, ProofClaims? Claims);

/// <summary>Compact JWS (RFC 7515) with ES256: ECDSA P-256 over SHA-256, the signature as r‖s (64 bytes) — the form
/// WebCrypto verifies in every browser.</summary>
public static class Jws
{
    public const string Algorithm = "ES256";

    /// <summary>Relaxed escaping keeps Cyrillic as UTF-8 (2 bytes a letter instead of 6): the JSON is base64url-encoded,
    /// never placed in HTML.</summary>
    static readonly ProofJson Json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    public static string Sign(ProofClaims claims, ECDsa key, string kid)
    {
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new JwsHeader(Algorithm, kid, "JWT"), Json.JwsHeader));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json.ProofClaims));
        var signingInput = $"{header}.{payload}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Checks a proof against the published keys. The kid picks the key; a proof signed by any other key, or
    /// altered after signing, fails the signature check.</summary>
    public static ProofVerdict Verify(string? jws, IReadOnlyDictionary<string, ECDsa> keys, DateTimeOffset now)
    {
        var parts = (jws ?? "").Trim().Split('.');
        if (parts.Length != 3) return new(ProofState.Invalid, "not-a-proof", null, null);
        JwsHeader? header;
        ProofClaims? claims;
        byte[] signature;
        try
        {
            header = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[0]), Json.JwsHeader);
            claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), Json.ProofClaims);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new(ProofState.Invalid, "not-a-proof", null, null);
        }
        if (header is null || claims is null) return new(ProofState.Invalid, "not-a-proof", null, null);
        if (header.Alg != Algorithm) return new(ProofState.Invalid, "unsupported-algorithm", header.Kid, null);
        if (!keys.TryGetValue(header.Kid ?? "", out var key)) return new(ProofState.UnknownKey, "unknown-key", header.Kid, null);
        if (!key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return new(ProofState.Invalid, "signature-mismatch", header.Kid, null);
        if (now.ToUnixTimeSeconds() >= claims.Exp) return new(ProofState.Expired, "expired", header.Kid, claims);
        return new(ProofState.Valid, null, header.Kid, claims);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProofClaims))]
[JsonSerializable(typeof(JwsHeader))]
public sealed partial class ProofJson : JsonSerializerContext;
