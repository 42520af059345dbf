using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace Registry.Api.Features.Proofs;

public sealed class ProofOptions
{
    /// <summary>Where the private keys live: outside the repository and outside the database, so neither a clone nor a
    /// dump can sign. One <c>&lt;kid&gt;.pem</c> (PKCS#8) per key; <c>&lt;kid&gt;.retired</c> records when a key stopped signing.</summary>
    public string KeyDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "registry", "proof-keys");

    /// <summary>The key that signs. Unset: the newest key in the directory, or a new one. Set to a new id to rotate: the
    /// key is generated if its file is missing, and the previous one is kept in the JWKS until its last proofs expire.</summary>
    public string? ActiveKeyId { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Where a scan of the QR code lands online: /d/{number} redirects here ({kind} and {number} are filled in).
    /// The website's document page in no language, which leads to the reader's language.</summary>
    public string DocumentPage { get; set; } = "/documents/{number}";
}

/// <summary>
/// The signing key and the keys a verifier must still accept. A retired key stays published for the proof lifetime
/// plus a day after it stopped signing (the day covers instances of a rolling deployment still signing with it).
/// </summary>
public sealed class ProofKeyRing
{
    readonly Dictionary<string, ECDsa> publicKeys;

    public string ActiveKeyId { get; }
    public ECDsa ActiveKey { get; }
    public JsonWebKeySet KeySet { get; }
    public IReadOnlyDictionary<string, ECDsa> PublicKeys => publicKeys;

    ProofKeyRing(string activeKeyId, ECDsa activeKey, Dictionary<string, ECDsa> publicKeys, JsonWebKeySet keySet)
    {
        ActiveKeyId = activeKeyId;
        ActiveKey = activeKey;
        this.publicKeys = publicKeys;
        KeySet = keySet;
    }

    public static ProofKeyRing Load(ProofOptions options, DateTimeOffset now, ILogger? logger = null)
    {
        var directory = Directory.CreateDirectory(options.KeyDirectory);
        if (!OperatingSystem.IsWindows()) directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        var activeId = options.ActiveKeyId
            ?? directory.GetFiles("*.pem").Where(f => !File.Exists(RetiredPath(f.FullName))).OrderByDescending(f => f.LastWriteTimeUtc)
                .Select(f => Path.GetFileNameWithoutExtension(f.Name)).FirstOrDefault()
            ?? $"{now:yyyy-MM-dd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        if (!IsSafeKeyId(activeId)) throw new InvalidOperationException($"Proofs:ActiveKeyId '{activeId}' may hold only letters, digits, '-' and '_'.");
        var activePath = Path.Combine(directory.FullName, $"{activeId}.pem");
        if (!File.Exists(activePath))
        {
            Generate(activePath);
            logger?.LogWarning("Generated proof signing key {KeyId} in {Directory}", activeId, directory.FullName);
        }
        File.Delete(RetiredPath(activePath)); // active again after a rollback

        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        var published = new List<JsonWebKey>();
        foreach (var file in directory.GetFiles("*.pem").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var kid = Path.GetFileNameWithoutExtension(file.Name);
            if (kid != activeId)
            {
                var retiredPath = RetiredPath(file.FullName);
                if (!File.Exists(retiredPath)) File.WriteAllText(retiredPath, now.ToString("O", CultureInfo.InvariantCulture));
                var retiredAt = DateTimeOffset.Parse(File.ReadAllText(retiredPath).Trim(), CultureInfo.InvariantCulture);
                if (retiredAt + options.Lifetime + TimeSpan.FromDays(1) < now) continue;
            }
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(file.FullName));
            keys[kid] = key;
            published.Add(PublicJwk(key, kid));
        }
        return new ProofKeyRing(activeId, keys[activeId], keys, new JsonWebKeySet(published));
    }

    public static JsonWebKey PublicJwk(ECDsa key, string kid)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey("EC", "P-256", Base64Url.EncodeToString(p.Q.X), Base64Url.EncodeToString(p.Q.Y), kid, "sig", Jws.Algorithm);
    }

    static string RetiredPath(string pemPath) => Path.ChangeExtension(pemPath, ".retired");

    static bool IsSafeKeyId(string kid) => kid.Length is > 0 and <= 64 && kid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Written to a temporary file first and moved into place, so a concurrent start never reads half a key;
    /// readable by the service account only.</summary>
    static void Generate(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another instance generated it first; use theirs
        }
    }
}
