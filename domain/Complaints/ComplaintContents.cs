namespace Registry.Domain.Complaints;

/// <summary>What a written complaint states (para 24, l. 336–338/2527–2529/4781–4783/6897–6899/8994–8996/11030–11032).</summary>
public sealed record ComplaintContents(
    string? ApplicantFullName,
    string? PostalAddress,
    DateOnly? ComplaintDate,
    bool Signed,
    string? OfficialPosition,
    string? OfficialName,
    string? Reasons,
    string? Demands);

public static class ComplaintRequirements
{
    /// <summary>Each missing or wrong part of the complaint, by the request field that carries it. Empty when the
    /// complaint states everything para 24 asks for.</summary>
    public static IReadOnlyDictionary<string, string> Defects(ComplaintContents c, DateOnly receivedOn)
    {
        var defects = new Dictionary<string, string>();
        if (Blank(c.ApplicantFullName)) defects["applicantFullName"] = "The applicant's surname, name and patronymic are required (para 24).";
        if (Blank(c.PostalAddress)) defects["postalAddress"] = "The postal address is required: the answer goes by post (paras 24–25).";
        if (c.ComplaintDate is null) defects["complaintDate"] = "The date of the complaint is required (para 24).";
        else if (c.ComplaintDate > receivedOn) defects["complaintDate"] = "The complaint cannot be dated after the day it was received.";
        if (!c.Signed) defects["signed"] = "The complaint must bear the applicant's signature (para 24).";
        if (Blank(c.OfficialPosition)) defects["officialPosition"] = "The position of the official complained about is required (para 24).";
        if (Blank(c.OfficialName)) defects["officialName"] = "The name of the official complained about is required (para 24).";
        if (Blank(c.Reasons)) defects["reasons"] = "The reasons for the complaint are required (para 24).";
        if (Blank(c.Demands)) defects["demands"] = "The demands are required (para 24).";
        return defects;
    }

    static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);
}
