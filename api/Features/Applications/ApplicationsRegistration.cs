namespace Registry.Api.Features.Applications;

public static class ApplicationsRegistration
{
    /// <summary>Intake:ResultReadyAt, the hour receipts and portal notifications give for the result (the seed sets none).</summary>
    public static void AddApplicationIntake(this WebApplicationBuilder builder) =>
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection("Intake"));
}
