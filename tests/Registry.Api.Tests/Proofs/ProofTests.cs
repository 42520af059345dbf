using Registry.Domain.Common;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Registry.Api.Features.Proofs;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Proofs;

public sealed class ProofTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_proof_carries_the_verify_answer_with_the_iin_masked_and_checks_against_the_published_keys()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit", "individual"));
        await app.WaitForProjectionsAsync();

        var response = await app.Anonymous().GetAsync($"/api/v1/verify/{number.ToLowerInvariant().Replace('-', ' ')}/proof");
        var proof = await response.ReadAsync<ProofsModule.ProofResponse>();
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var claims = Claims(proof.Proof);
        Assert.Equal(number, claims.GetProperty("number").GetString());
        Assert.Equal("permit", claims.GetProperty("kind").GetString());
        Assert.Equal("88********10", claims.GetProperty("holderId").GetString());
        Assert.Equal("iin", claims.GetProperty("holderIdKind").GetString());
        Assert.Equal("valid", claims.GetProperty("status").GetString());
        Assert.True(claims.GetProperty("valid").GetBoolean());
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd"), claims.GetProperty("asOf").GetString());
        Assert.Equal(TimeSpan.FromDays(30).TotalSeconds, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.DoesNotContain("880101300010", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(proof.Proof.Split('.')[1])));
        Assert.Equal($"http://localhost/d/{number}#proof={proof.Proof}", proof.Qr);

        var published = await PublishedKeysAsync();
        Assert.Contains(proof.KeyId, published.Keys);
        Assert.Equal(ProofState.Valid, Jws.Verify(proof.Proof, published, DateTimeOffset.UtcNow).State);

        var check = await (await app.Anonymous().PostJsonAsync("/api/v1/proofs/check", new ProofsModule.CheckRequest(proof.Qr))).ReadAsync<ProofVerdict>();
        Assert.Equal(ProofState.Valid, check.State);
        Assert.Equal(number, check.Claims!.Number);
    }

    [Fact]
    public async Task A_proof_speaks_for_the_day_asked()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var proof = await (await app.Anonymous().GetAsync($"/api/v1/verify/{number}/proof?asOf=2020-01-01")).ReadAsync<ProofsModule.ProofResponse>();
        var claims = Claims(proof.Proof);
        Assert.Equal("2020-01-01", claims.GetProperty("asOf").GetString());
        Assert.Equal("not-yet-issued", claims.GetProperty("status").GetString());
        Assert.False(claims.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_proof_for_an_unknown_number_is_a_404_problem()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/verify/ATT-1999-000001/proof");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tampered_wrong_key_expired_and_unknown_kid_proofs_are_not_valid_and_say_why()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var genuine = (await (await app.Anonymous().GetAsync($"/api/v1/verify/{number}/proof")).ReadAsync<ProofsModule.ProofResponse>());
        var forged = ForgedProofs.From(genuine.Proof, genuine.KeyId, app.ProofKeyDirectory);

        await AssertVerdict(forged.Tampered, ProofState.Invalid, "signature-mismatch");
        await AssertVerdict(forged.WrongKey, ProofState.Invalid, "signature-mismatch");
        await AssertVerdict(forged.Expired, ProofState.Expired, "expired");
        await AssertVerdict(forged.UnknownKid, ProofState.UnknownKey, "unknown-key");
        await AssertVerdict("not a proof at all", ProofState.Invalid, "not-a-proof");
        await AssertVerdict(genuine.Proof, ProofState.Valid, null);
    }

    [Fact]
    public async Task A_scanned_link_opens_the_document_page()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/d/{number}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/documents/{number}", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/d/ATT-1999-000001")).StatusCode);
    }

    async Task AssertVerdict(string proof, ProofState state, string? reason)
    {
        var response = await app.Anonymous().PostJsonAsync("/api/v1/proofs/check", new ProofsModule.CheckRequest(proof));
        var json = await response.Content.ReadAsStringAsync();
        // The state travels as the browser checker spells it (valid, invalid, expired, unknown-key), never as a number.
        Assert.Contains($"\"state\":\"{state.Slug()}\"", json);
        var verdict = await response.ReadAsync<ProofVerdict>();
        Assert.Equal((state, reason), (verdict.State, verdict.Reason));
    }

    async Task<Dictionary<string, ECDsa>> PublishedKeysAsync()
    {
        var response = await app.Anonymous().GetAsync(ProofsModule.JwksPath);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        var set = await response.ReadAsync<JsonWebKeySet>();
        return set.Keys.ToDictionary(k => k.Kid, k => ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(k.X), Y = Base64Url.DecodeFromChars(k.Y) },
        }));
    }

    static JsonElement Claims(string jws) => JsonDocument.Parse(Base64Url.DecodeFromChars(jws.Split('.')[1])).RootElement;
}

/// <summary>Proofs an attacker or an old printout could present: the payload altered, signed by another key under the
/// registry's kid, expired (signed by the registry's own key, read from its key directory), or under an unknown kid.</summary>
public sealed record ForgedProofs(string Tampered, string WrongKey, string Expired, string UnknownKid)
{
    public static ForgedProofs From(string genuine, string kid, string keyDirectory)
    {
        var parts = genuine.Split('.');
        var claims = JsonSerializer.Deserialize<ProofClaims>(Base64Url.DecodeFromChars(parts[1]), HttpAssertions.Json)!;
        var altered = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims with { Holder = "ТОО «Подделка»" }, HttpAssertions.Json));
        using var registryKey = ECDsa.Create();
        registryKey.ImportFromPem(File.ReadAllText(Path.Combine(keyDirectory, $"{kid}.pem")));
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var past = DateTimeOffset.UtcNow.AddDays(-31).ToUnixTimeSeconds();
        return new ForgedProofs(
            $"{parts[0]}.{altered}.{parts[2]}",
            Jws.Sign(claims, otherKey, kid),
            Jws.Sign(claims with { Iat = past, Exp = past + 30 * 86400 }, registryKey, kid),
            Jws.Sign(claims, otherKey, "someone-else"));
    }
}

public sealed class ProofKeyRotationTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
    static readonly DateTimeOffset Start = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_start_generates_a_key_outside_the_repository_readable_by_the_owner_only_and_reuses_it_next_time()
    {
        var first = ProofKeyRing.Load(new ProofOptions { KeyDirectory = directory }, Start);
        var pem = Path.Combine(directory, $"{first.ActiveKeyId}.pem");
        Assert.True(File.Exists(pem));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pem));
        Assert.Equal(first.ActiveKeyId, ProofKeyRing.Load(new ProofOptions { KeyDirectory = directory }, Start.AddHours(1)).ActiveKeyId);
    }

    [Fact]
    public void Rotation_signs_with_the_new_key_and_publishes_the_old_one_until_its_last_proofs_expire()
    {
        var before = ProofKeyRing.Load(new ProofOptions { KeyDirectory = directory, ActiveKeyId = "key-1" }, Start);
        var oldProof = Jws.Sign(new ProofClaims("ATT-2026-000001", "attestation", "ТОО «А»", "990140000017", "bin", "valid", true,
            new DateOnly(2026, 1, 10), null, Start.ToUnixTimeSeconds(), Start.AddDays(30).ToUnixTimeSeconds()), before.ActiveKey, before.ActiveKeyId);

        var rotated = ProofKeyRing.Load(new ProofOptions { KeyDirectory = directory, ActiveKeyId = "key-2" }, Start.AddDays(1));
        Assert.Equal("key-2", rotated.ActiveKeyId);
        Assert.Equal(["key-1", "key-2"], rotated.KeySet.Keys.Select(k => k.Kid).Order());
        Assert.Equal(ProofState.Valid, Jws.Verify(oldProof, rotated.PublicKeys, Start.AddDays(2)).State);

        var later = ProofKeyRing.Load(new ProofOptions { KeyDirectory = directory, ActiveKeyId = "key-2" }, Start.AddDays(33));
        Assert.Equal(["key-2"], later.KeySet.Keys.Select(k => k.Kid));
        Assert.Equal(ProofState.UnknownKey, Jws.Verify(oldProof, later.PublicKeys, Start.AddDays(33)).State);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
