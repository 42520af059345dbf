using Npgsql;

namespace Registry.Api.WriteModel;

/// <summary>One-time codes for the anonymous satisfaction survey: issued with a result, kept only as a hash with the
/// service and month, never with the application (see migration 0282).</summary>
public static class SurveyCodes
{
    /// <summary>A new code for a result of <paramref name="service"/> decided on <paramref name="decidedOn"/>, stored with the
    /// commit (<see cref="WritesAtCommit"/>); the caller shows it once and keeps it out of anything it stores.</summary>
    public static string Issue(NpgsqlTransaction tx, string service, DateOnly decidedOn)
    {
        var code = AccessCodes.New();
        WritesAtCommit.Add(tx, "insert into survey_codes (code_hash, service, issued_month) values (@hash, @service, @month)",
            new { hash = AccessCodes.Hash(code), service, month = new DateOnly(decidedOn.Year, decidedOn.Month, 1) });
        return code;
    }
}
