using Registry.Api.Features.Applications;
using Registry.Api.Features.Documents;
using Registry.Api.Features.Verification;

namespace Registry.Api.Infrastructure.OpenApiContract;

/// <summary>A request body that works, for every write: what Swagger UI pre-fills and generated clients' docs show.</summary>
static class RequestExamples
{
    static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(SubmitApplication.Request)] = """
            {"service":"attestation","channel":"committee",
             "applicant":{"type":"legal-entity","identifier":"990140000017","name":"ТОО «Пример»","region":"Астана"},
             "sectors":["Тау-кен өндірісі"],"activities":["Өнеркәсіптік қауіпсіздік сараптамасы"],
             "expertConclusion":{"expertOrganisation":"ТОО «Сараптама»","number":"EX-1","expertiseDate":"2026-11-01"},
             "documents":[{"code":"application","title":"Заявление"},{"code":"expert-conclusion","title":"Заключение экспертизы"}]}
            """,
        [typeof(DecideApplication.Request)] = """{"outcome":"issue"}""",
        [typeof(CompletenessCheck.Request)] = """{"missingDocuments":[]}""",
        [typeof(SupplyDocuments.Request)] = """{"documents":["expert-conclusion"]}""",
        [typeof(ChangeDocumentStatus.Request)] = """{"publicReason":"Тексеру / Проверка","internalNote":"Предписание инспектора № 17 от 2026-11-20","effectiveOn":"2026-11-20"}""",
        [typeof(VerificationModule.BulkRequest)] = """{"numbers":["ATT-2026-000001","PRM-2026-000002"],"asOf":"2026-11-25"}""",
    };

    public static string? For(Type type) => Examples.GetValueOrDefault(type);
}
