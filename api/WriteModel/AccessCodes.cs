using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.WriteModel;

/// <summary>A one-time code printed on paper — a talon's access code, a result's survey code. Only its hash is kept; letters
/// and digits that read alike (0/O, 1/I/L) are left out because people type it from paper.</summary>
public static class AccessCodes
{
    const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 10;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code)));

    public static bool Matches(string? code, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Hash(code ?? ""), hash);

    static string Normalise(string code) => code.Trim().Replace("-", "").Replace(" ", "").ToUpperInvariant();
}
