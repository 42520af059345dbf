namespace Registry.Api.Website.Pages;

public partial class ServicesPage
{
    public sealed record ServicesModel;

    public static IResult Handle(Lang lang, HttpContext http) => new HtmlPage<ServicesPage>(Site.For(http, lang), new ServicesModel());
}
