using Carter;
using Registry.Api.DemoData;
using Registry.Api.Features.Admin;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Calendar;
using Registry.Api.Features.Centres;
using Registry.Api.Features.Complaints;
using Registry.Api.Features.Quality;
using Registry.Api.Features.OpenData;
using Registry.Api.Features.Proofs;
using Registry.Api.Features.Webhooks;
using Registry.Api.Infrastructure;
using Registry.Api.Website;
using Registry.Projections;

var builder = WebApplication.CreateBuilder(args);

builder.ConfigureRegistryHost();
builder.AddRegistryDatabase();
builder.AddOfficerAuthentication();
builder.AddDeadlineSweeper();
builder.AddCorrectionsPublisher();
builder.AddApplicationIntake();
builder.AddWorkingCalendar();
builder.AddComplaints();
builder.AddQualityIndicators();
builder.AddRegistryProjections();
builder.AddPublicApiPolicies();
builder.AddRegistryOpenApi();
builder.AddVerificationProofs();
builder.AddWebhooks();
builder.AddOpenData();
builder.AddWebsite();
builder.AddRegistryMetrics();
builder.AddOutageHandling();
builder.AddNativeHeapTrimming();
builder.LeaveDataProtectionKeysUnread();
builder.Services.AddProblemDetails(ProblemTypes.Configure);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
builder.Services.AddValidation();
builder.Services.AddCarter();

var app = builder.Build();

await app.MigrateDatabaseAsync();
if (await app.RunMaintenanceCommandAsync()) return;
await app.ImportCentresAsync();
app.LoadProofKeys();
await app.SeedDemoDataIfAskedAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebsite();
app.UseRequestTimeouts();
app.UsePublicApiPolicies();
app.UseAuthentication();
app.UseAuthorization();
app.UseRegistryOpenApi();
app.MapGroup("").GuardInput().MapCarter();
app.MapRegistryMetrics();
app.LogStartupLine();

app.Run();

public partial class Program;
