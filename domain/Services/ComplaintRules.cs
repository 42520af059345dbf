namespace Registry.Domain.Services;

/// <summary>
/// What a complaint must state (para 24), what its talon shows (para 25), how the answer travels, and — services 1–4 —
/// the statuses a portal complaint shows. AnswerWithinDays is null: review follows the 2007 Law on appeals "in the
/// order and term" it sets (l. 344), and the seed itself gives no day count, so the answer date is configuration.
/// </summary>
public sealed record ComplaintRules(
    IReadOnlyList<Text> RequiredContents,
    SeedRef ContentsSeed,
    IReadOnlyList<Text> TalonFields,
    SeedRef TalonSeed,
    DeliveryMethod AnswerBy,
    SeedRef AnswerSeed,
    int? AnswerWithinDays,
    SeedRef ReviewTermSeed,
    IReadOnlyList<Text> PortalStatuses,
    SeedRef? PortalStatusSeed);
