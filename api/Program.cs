using Carter;
using Registry.Api.DemoData;
using Registry.Api.Features.Admin;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Calendar;
using Registry.Api.Features.Centres;
using Registry.Api.Features.Complaints;
using Registry.Api.Features.Quality;
using Registry.Api.Infrastructure;
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
builder.AddRegistryMetrics();
builder.AddOutageHandling();
builder.Services.AddProblemDetails(ProblemTypes.Configure);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
builder.Services.AddValidation();
builder.Services.AddCarter();

var app = builder.Build();

await app.MigrateDatabaseAsync();
if (await app.RunMaintenanceCommandAsync()) return;
await app.ImportCentresAsync();
await app.SeedDemoDataIfAskedAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
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
