using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Complaints;

namespace Registry.Api.Features.Complaints;

/// <summary>The addressee's steps on a registered complaint: start the review, answer it in writing (sent by post), or
/// refuse to review it with a reason.</summary>
public static class ReviewComplaint
{
    /// <summary>AnsweredOn and PostedOn default to today; SignatoryRole is the role of who signed (never a name in public).</summary>
    public sealed record ComplaintAnswerRequest(string? Text, DateOnly? AnsweredOn, string? SignatoryRole, DateOnly? PostedOn, string? TrackingNumber);

    public sealed record ComplaintRefusalRequest(string? Reason);

    public sealed record Response(Guid Id, ComplaintStatus Status, int Version);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Start(Guid id, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct) =>
        await StepAsync(id, ComplaintStep.StartReview, http, dataSource, clock, null, null, new { id }, ct);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Answer(Guid id, ComplaintAnswerRequest request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text)) errors["text"] = ["The answer's text is required: the answer is written (para 25)."];
        if (string.IsNullOrWhiteSpace(request.SignatoryRole)) errors["signatoryRole"] = ["The role of the official who signed the answer is required."];
        if (request.AnsweredOn > today) errors["answeredOn"] = ["The answer cannot be dated in the future."];
        if (request.PostedOn > today) errors["postedOn"] = ["The answer cannot be posted in the future."];
        if (request.PostedOn < request.AnsweredOn) errors["postedOn"] = ["The answer cannot be posted before it was signed."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        var answer = new ComplaintAnswer(request.Text!.Trim(), request.AnsweredOn ?? today, request.SignatoryRole!.Trim(), request.PostedOn ?? today, request.TrackingNumber);
        return await StepAsync(id, ComplaintStep.Answer, http, dataSource, clock, null, answer, new { id, request }, ct);
    }

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Refuse(Guid id, ComplaintRefusalRequest request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the complaint is not reviewed."] }, type: ProblemTypes.Validation);
        return await StepAsync(id, ComplaintStep.RefuseReview, http, dataSource, clock, request.Reason.Trim(), null, new { id, request }, ct);
    }

    static async Task<Results<CommandResult<Response>, ValidationProblem>> StepAsync(Guid id, ComplaintStep step, HttpContext http, NpgsqlDataSource dataSource,
        TimeProvider clock, string? reason, ComplaintAnswer? answer, object audited, CancellationToken ct) =>
        new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command($"complaint.{step}", audited), async (conn, tx, actor) =>
        {
            var complaint = await ComplaintRecords.LockAsync(conn, tx, id, ct);
            if (complaint is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Complaint not found", $"No complaint {id}.");
            var outcome = ComplaintLifecycle.Apply(complaint.Status, step);
            if (outcome.Next is not { } next)
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Step not allowed", outcome.Refusal!,
                    new Dictionary<string, object?> { ["currentStatus"] = complaint.Status });
            var version = await ComplaintRecords.ChangeStatusAsync(conn, tx, complaint, next, clock.GetUtcNow(), actor, reason, answer, ct);
            return CommandOutcome.Success(200, new Response(id, next, version), id);
        }, ct));
}
