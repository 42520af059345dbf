using Microsoft.Extensions.Options;
using Registry.Domain.Common;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Features.Complaints;

/// <summary>One addressee's answer term as configured: Days, Unit (working-days or calendar-days) and the legal Source
/// the operator took it from.</summary>
public sealed class AnswerTermOptions
{
    public int Days { get; set; }
    public string Unit { get; set; } = TermUnit.WorkingDays.Slug();
    public string Source { get; set; } = "";
}

/// <summary>
/// Complaints:AnswerTerms:{addressee slug}. The seed gives no day count: review follows "the order and term" of the Law
/// of 12.01.2007 on considering appeals of individuals and legal entities (l. 344/2533/4789/6903/9000/11036), so every
/// addressee's term is configuration with its source, and the service does not start without one.
/// </summary>
public sealed class ComplaintOptions
{
    public Dictionary<string, AnswerTermOptions> AnswerTerms { get; set; } = [];

    public AnswerTerm TermFor(ComplaintAddressee addressee)
    {
        var o = AnswerTerms[addressee.Slug()];
        return new(o.Days, Slugs.Parse<TermUnit>(o.Unit), o.Source);
    }

    public IEnumerable<string> Problems() =>
        ComplaintAddressees.Registrable.Select(a => a.Slug()).SelectMany(slug =>
            !AnswerTerms.TryGetValue(slug, out var t) ? [$"Complaints:AnswerTerms:{slug} is not set (the seed sets no term; see README \"Complaints\")."]
            : (IEnumerable<string>)[
                .. t.Days <= 0 ? [$"Complaints:AnswerTerms:{slug}:Days must be positive."] : Array.Empty<string>(),
                .. !Slugs.TryParse<TermUnit>(t.Unit, out _) ? [$"Complaints:AnswerTerms:{slug}:Unit is one of {string.Join(", ", Slugs.All<TermUnit>())}."] : Array.Empty<string>(),
                .. string.IsNullOrWhiteSpace(t.Source) ? [$"Complaints:AnswerTerms:{slug}:Source must name where the term comes from."] : Array.Empty<string>(),
            ]);
}

public static class ComplaintsRegistration
{
    /// <summary>The shipped terms (data/complaints/answer-terms.json next to the binary, or Complaints:TermsPath) first,
    /// then any Complaints section of the app's configuration on top of them.</summary>
    public static void AddComplaints(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration["Complaints:TermsPath"] ?? Path.Combine(AppContext.BaseDirectory, "data", "complaints", "answer-terms.json");
        var shipped = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build().GetSection("Complaints");
        builder.Services.AddOptions<ComplaintOptions>().Bind(shipped).Bind(builder.Configuration.GetSection("Complaints"))
            .Validate(o => !o.Problems().Any(), "Complaints:AnswerTerms needs a positive term, a unit and a source for every addressee except the court.")
            .ValidateOnStart();
    }
}
