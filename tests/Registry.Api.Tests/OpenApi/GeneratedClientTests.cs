using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.OpenApi;

/// <summary>What a third party does: generate a C# client from the live OpenAPI document (NSwag), compile it, and call
/// the registry through it.</summary>
public sealed class GeneratedClientTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_client_generated_from_the_live_document_searches_verifies_and_looks_up_organisations()
    {
        var bin = Scenario.NewBin();
        var number = await app.Officer().IssueAsync(Scenario.Attestation(bin, "ТОО «Сарыарқа Клиент»"));
        await app.WaitForProjectionsAsync();
        dynamic client = await GenerateClientAsync();

        var page = await client.SearchRegistryAsync(q: "Saryarqa Klient");
        Assert.Equal(1L, (long)page.Total);
        Assert.Equal(number, (string)page.Items[0].Number);

        var verified = await client.VerifyDocumentAsync(number: number.ToLowerInvariant().Replace('-', ' '));
        Assert.True((bool)verified.Valid);
        Assert.Equal("ТОО «Сарыарқа Клиент»", (string)verified.Holder.Name);

        var organisation = await client.GetOrganisationAsync(bin: bin);
        Assert.Equal(number, (string)organisation.Documents[0].Number);

        // Errors reach the client as the declared ProblemDetails responses, not as parse failures.
        Exception missing = await Assert.ThrowsAnyAsync<Exception>(() => (Task)client.VerifyDocumentAsync(number: "ATT-1999-999999"));
        Assert.Equal("ApiException`1", missing.GetType().Name);
        Assert.Equal(404, (int)((dynamic)missing).StatusCode);
    }

    async Task<object> GenerateClientAsync()
    {
        var document = await OpenApiDocument.FromJsonAsync(await app.Anonymous().GetStringAsync("/swagger/v1/swagger.json"));
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "RegistryClient",
            UseBaseUrl = false, // the HttpClient's BaseAddress
            GenerateOptionalParameters = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            // 9.0: enum values such as "legal-entity" are read through [JsonStringEnumMemberName] (System.Text.Json ignores [EnumMember]).
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = CSharpJsonLibrary.SystemTextJson, JsonLibraryVersion = 9.0m },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        var assembly = Compile(code);
        return Activator.CreateInstance(assembly.GetType("Generated.RegistryClient")!, app.Anonymous())!;
    }

    static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("GeneratedRegistryClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }
}
