using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Domain.Applications;
using Registry.Domain.Common;

namespace Registry.Api.Features.Applications;

/// <summary>What needs an officer now: accreditation applications whose reasoned refusal was due (5 working days after the
/// protocol decision, l. 6759) and that are still undecided; and results waiting at a Centre past their month (services
/// 4–6, l. 6853, 8962, 10998), not collected and not yet sent on.</summary>
public static class OverdueList
{
    public sealed record OverdueRefusal(Guid Id, string Service, string ApplicantName, string Status, DateOnly ProtocolDecidedOn, DateOnly RefusalDueOn);

    public sealed record StorageOver(Guid Id, string Service, string CentreId, DateOnly ReceivedOn, DateOnly LastDay);

    public sealed record Response(DateOnly AsOf, IReadOnlyList<OverdueRefusal> RefusalsOverdue, IReadOnlyList<StorageOver> StoredPastTheirMonth);

    const string Sql = """
        select a.id, a.service, p.name as applicantname, a.status, a.protocol_decided_on as protocoldecidedon, a.refusal_due_on as refusaldueon
        from applications a join applicants p on p.id = a.applicant_id
        where a.refusal_due_on < @asOf and a.status = any(@open)
        order by a.refusal_due_on, a.id;
        select a.id, a.service, s.centre_id as centreid, s.received_on as receivedon, s.last_day as lastday
        from centre_storage s join applications a on a.id = s.application_id
        where s.sent_on_date is null and s.last_day < @asOf
          and not exists (select 1 from result_handovers h where h.application_id = s.application_id and h.method = 'centre-window')
        order by s.last_day, a.id;
        """;

    public static async Task<Ok<Response>> Handle(DateOnly? asOf, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var day = asOf ?? DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var open = ApplicationLifecycle.StatusesAllowing(ApplicationStep.Refuse).Select(s => s.Slug()).ToArray();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { asOf = day, open }, cancellationToken: ct));
        var refusals = (await grid.ReadAsync<OverdueRefusal>()).ToList();
        var stored = (await grid.ReadAsync<StorageOver>()).ToList();
        return TypedResults.Ok(new Response(day, refusals, stored));
    }
}
