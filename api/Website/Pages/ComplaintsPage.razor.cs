using Microsoft.Extensions.Options;
using Registry.Api.Features.Complaints;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class ComplaintsPage
{
    /// <summary>Terms: the answer term of each registrable addressee, as configured (the seed sets no day count).</summary>
    public sealed record ComplaintsModel(ServiceDefinition Service, IReadOnlyDictionary<ComplaintAddressee, AnswerTerm> Terms);

    /// <summary>"How to complain" for one service: the routes of paras 21–23 with where each addressee sits, the contents
    /// para 24 asks for, the talon of para 25, and the answer's term as the register applies it.</summary>
    public static IResult Handle(Lang lang, string code, HttpContext http, IOptions<ComplaintOptions> options)
    {
        if (ServiceCatalogue.Find(code) is not { } service) return NotFoundPage.Handle(lang, http);
        var terms = ComplaintAddressees.Registrable.ToDictionary(a => a, options.Value.TermFor);
        return new HtmlPage<ComplaintsPage>(Site.For(http, lang), new ComplaintsModel(service, terms));
    }
}
