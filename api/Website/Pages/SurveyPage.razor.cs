using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Features.Quality;
using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class SurveyPage
{
    /// <summary>Answers: what was ticked, shown back when the code was not accepted; the code itself never is.</summary>
    public sealed record SurveyModel(IReadOnlyDictionary<string, bool> Answers, bool Done, Text? Error);

    public static IResult Form(Lang lang, HttpContext http) =>
        new HtmlPage<SurveyPage>(Site.For(http, lang), new SurveyModel(new Dictionary<string, bool>(), false, null), cacheable: false);

    /// <summary>The same as POST /api/v1/quality/survey: the questions come as q0…q3 (yes, no or empty for no answer).</summary>
    public static async Task<IResult> Handle(Lang lang, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            // A body that is not form encoding (a NUL or broken UTF-8 in a field): refused like a form left empty.
            form = FormCollection.Empty;
        }
        var code = form["code"].ToString();
        var answers = new Dictionary<string, bool>();
        for (var i = 0; i < OnlineSurvey.Questions.Length; i++)
            if (form[$"q{i}"].ToString() is "yes" or "no") answers[OnlineSurvey.Questions[i]] = form[$"q{i}"] == "yes";
        IResult Page(int status, Text? error, bool done = false) =>
            new HtmlPage<SurveyPage>(site, new SurveyModel(answers, done, error), status, cacheable: false);

        if (string.IsNullOrWhiteSpace(code) || code.Length > 40 || answers.Count == 0) return Page(StatusCodes.Status400BadRequest, Labels.SurveyNothingAnswered);
        var (outcome, _) = await OnlineSurvey.AnswerAsync(code, answers, dataSource, clock, ct);
        return outcome switch
        {
            OnlineSurvey.Outcome.Recorded => Page(StatusCodes.Status200OK, null, done: true),
            OnlineSurvey.Outcome.AlreadyUsed => Page(StatusCodes.Status409Conflict, Labels.SurveyCodeUsed),
            _ => Page(StatusCodes.Status404NotFound, Labels.SurveyCodeUnknown),
        };
    }
}
