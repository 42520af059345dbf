using System.Text.RegularExpressions;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>docker-compose.yml against the client it serves: the same Elasticsearch minor version (a client is only
/// promised to work with its own minor or later), and an API that starts once the cluster is healthy.</summary>
public sealed partial class ComposeFileTests
{
    static readonly string Root = FindRoot(AppContext.BaseDirectory);

    static string FindRoot(string dir) =>
        File.Exists(Path.Combine(dir, "Registry.sln")) ? dir : FindRoot(Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("Registry.sln"));

    static string Service(string compose, string name) =>
        Regex.Match(compose, $@"(?ms)^  {name}:\n(.*?)(?=^  \S|\z)").Groups[1].Value;

    [Fact]
    public void Compose_runs_the_Elasticsearch_minor_version_of_the_client_and_waits_for_a_healthy_cluster()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var client = ClientVersion().Match(File.ReadAllText(Path.Combine(Root, "Directory.Packages.props")));
        var server = ServerImage().Match(compose);
        Assert.True(client.Success && server.Success);
        Assert.Equal(client.Groups["minor"].Value, server.Groups["minor"].Value);

        Assert.Contains("healthcheck:", Service(compose, "elasticsearch"));
        Assert.Matches(@"elasticsearch:\s*\{\s*condition:\s*service_healthy\s*\}", Service(compose, "api"));
    }

    [GeneratedRegex(@"Include=""Elastic\.Clients\.Elasticsearch"" Version=""(?<minor>\d+\.\d+)\.\d+""")]
    private static partial Regex ClientVersion();

    [GeneratedRegex(@"elasticsearch/elasticsearch:(?<minor>\d+\.\d+)\.\d+")]
    private static partial Regex ServerImage();
}
