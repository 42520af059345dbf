using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Features.Complaints;

/// <summary>
/// The same talon printed again for a lost one, with a NEW access code that replaces the old one. Only the code's hash
/// is kept, so the first code cannot be printed again; and a talon that went astray should not keep opening the status,
/// so the old code stops working. Number, dates, acceptor, term and place of the answer do not change.
/// </summary>
public static class ReprintTalon
{
    sealed record Row(string TalonNumber, string Service, string Addressee, string Status, int Version, DateTime RegisteredAt, DateTime ReceivedAt,
        string AcceptedBy, string AcceptorContact, string PostalAddress, DateOnly AnswerDueOn, string AnswerTerm, string AnswerTermSource);

    const string Lock = """
        select talon_number as talonnumber, service, addressee, status, version, registered_at as registeredat, received_at as receivedat,
               accepted_by as acceptedby, acceptor_contact as acceptorcontact, postal_address as postaladdress, answer_due_on as answerdueon,
               answer_term as answerterm, answer_term_source as answertermsource
        from complaints where id = @id for update
        """;

    public static async Task<CommandResult<RegisterComplaint.Response>> Handle(Guid id, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, CancellationToken ct) =>
        new(await Commands.RunAsync(dataSource, http.Command("complaint.reprint-talon", new { id }), async (conn, tx, actor) =>
        {
            var c = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Lock, new { id }, tx, cancellationToken: ct));
            if (c is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Complaint not found", $"No complaint {id}.");
            var code = AccessCodes.New();
            await conn.ExecuteAsync(new CommandDefinition("update complaints set access_code_hash = @hash where id = @id",
                new { id, hash = AccessCodes.Hash(code) }, tx, cancellationToken: ct));
            var talon = RegisterComplaint.TalonOf(c.TalonNumber, code, new DateTimeOffset(c.RegisteredAt, TimeSpan.Zero), new DateTimeOffset(c.ReceivedAt, TimeSpan.Zero),
                c.AcceptedBy, c.AcceptorContact, ServiceCatalogue.Find(c.Service)!, Slugs.Parse<ComplaintAddressee>(c.Addressee), c.AnswerDueOn, c.AnswerTerm,
                c.AnswerTermSource, c.PostalAddress);
            var status = Slugs.Parse<ComplaintStatus>(c.Status);
            return CommandOutcome.SuccessShownOnce(200, new RegisterComplaint.Response(id, status, c.Version, talon),
                new RegisterComplaint.Response(id, status, c.Version, talon with { AccessCode = null }), id);
        }, ct));
}
