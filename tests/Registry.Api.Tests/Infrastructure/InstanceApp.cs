using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>One of several API instances on a database the test owns (it is neither created nor dropped here). A request
/// with <see cref="PeerHeader"/> arrives as if from that address, so tests can play a proxy or a stranger.</summary>
public sealed class InstanceApp : RegistryApp
{
    public const string PeerHeader = "X-Test-Peer";
    readonly IDictionary<string, string?> settings;

    public InstanceApp(string connectionString, IDictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        this.settings = settings;
    }

    protected override IDictionary<string, string?> Settings => settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    /// <summary>Starts the host (migrations, import, seeding run here, as in Program).</summary>
    public Task StartAsync() => Task.Run(() => Server);

    sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader] is [{ } peer]) context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
