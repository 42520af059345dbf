using Registry.Domain.Applications;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Services;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Rules;

/// <summary>
/// One test per bullet of SERVICES.md section 11, "Facts a registry must model", in its order; each names the seed
/// lines it rests on. Expectations come from the seed and the digest, not from the catalogue: where the catalogue quotes
/// the seed, <see cref="Seed"/> checks the quote against the decree's line.
/// </summary>
public sealed class FactsTests
{
    static ServiceDefinition S(string code) => ServiceCatalogue.Find(code)!;

    static readonly string[] Codes = ["attestation", "permit", "declaration", "accreditation", "fire-equipment-conclusion", "standard-agreement"];

    static DateOnly? Due(string service, string submitted, params Suspension[] suspensions) =>
        Deadlines.Compute(S(service).Deadline, D(submitted), suspensions, Instance).Due;

    // 1. Six services, their codes and verbatim Kazakh names (l. 62, 2315, 4513, 6727, 8872, 10904).
    [Theory]
    [InlineData(1, "attestation", 62, "Ұйымдарды өнеркәсіптік қауіпсіздік саласында жұмыстар жүргізу құқығына аттестаттау")]
    [InlineData(2, "permit", 2315, "Технологияларды, техникалық құрылғыларды және материалдарды қолдануға рұқсат беру")]
    [InlineData(3, "declaration", 4513, "Өнеркәсіптік қауіпсіздік декларацияларын тіркеу")]
    [InlineData(4, "accreditation", 6727, "Өрт қауіпсіздігі саласындағы қатерлерді тәуелсіз бағалау жөніндегі ұйымдарды аккредиттеу")]
    [InlineData(5, "fire-equipment-conclusion", 8872,
        "Қазақстан Республикасының аумағында іске асырылатын отандық және импорт өндірісінің өрт техникасы мен өрт сөндіру құралдарына қорытынды беру")]
    [InlineData(6, "standard-agreement", 10904, "Шығарылатын өнімге ұйымдардың стандарттары жобаларын мемлекеттік өртке қарсы қызмет органдарымен келісу")]
    public void Fact01_six_services_with_their_codes_and_verbatim_Kazakh_names(int number, string code, int line, string name)
    {
        Assert.Equal(Codes, ServiceCatalogue.All.Select(s => s.Code));
        Assert.Equal(number, S(code).Number);
        Assert.Equal(name, S(code).Name.Text.Kk);
        Assert.True(Seed.Says(line, $"«{name}»"), $"l. {line} does not name «{name}»");
        Assert.Contains(line, S(code).Name.Seed.Lines);
    }

    // 2. #1 and #4: 15 working days; the others: 15 calendar days; the day of acceptance never counts
    //    (l. 102, 2341, 4551, 6753, 8894, 10926).
    [Theory]
    [InlineData("attestation", DeadlineBasis.WorkingDays, 102, "он бес жұмыс күнінен", "2026-03-20", "2026-04-15")]      // across Nauryz
    [InlineData("permit", DeadlineBasis.CalendarDays, 2341, "он бес күнтізбелік күннен", "2026-03-20", "2026-04-04")]
    [InlineData("declaration", DeadlineBasis.CalendarDays, 4551, "он бес күнтізбелік күннен", "2026-03-20", "2026-04-04")]
    [InlineData("accreditation", DeadlineBasis.WorkingDays, 6753, "он бес жұмыс күні", "2026-03-20", "2026-04-15")]
    [InlineData("fire-equipment-conclusion", DeadlineBasis.CalendarDays, 8894, "күнтізбелік он бес күн", "2026-03-20", "2026-04-04")]
    [InlineData("standard-agreement", DeadlineBasis.CalendarDays, 10926, "күнтізбелік он бес күн", "2026-03-20", "2026-04-04")]
    public void Fact02_terms_are_15_working_or_15_calendar_days_and_the_day_of_acceptance_never_counts(string code, DeadlineBasis basis, int line, string words,
        string submitted, string due)
    {
        Assert.True(Seed.Says(line, words) && Seed.Says(line, "құжаттарды қабылдаған күн мемлекеттік қызметті көрсету мерзіміне кірмейді"));
        Assert.Equal(new DeadlineRule(15, basis), S(code).Deadline);
        Assert.Equal([line], S(code).DeadlineSeed.Lines);
        Assert.Equal(D(due), Due(code, submitted));
        Assert.Equal(D(submitted).AddDays(1), Deadlines.Compute(new(1, DeadlineBasis.CalendarDays), D(submitted), [], Instance).Due);
    }

    // 3. #4: a reasoned refusal is due within 5 working days of the protocol decision (l. 6759).
    [Theory]
    [InlineData("2026-03-19", "2026-03-31")] // Nauryz in between
    [InlineData("2026-11-24", "2026-12-01")]
    public void Fact03_an_accreditation_refusal_is_due_five_working_days_after_the_protocol_decision(string protocol, string due)
    {
        Assert.True(Seed.Says(6759, "хаттамалық шешім шығарған сәттен бастап бес жұмыс күні"));
        Assert.Equal(5, S("accreditation").RefusalDueWorkingDaysAfterProtocol);
        Assert.Equal(D(due), Deadlines.RefusalDue(S("accreditation"), D(protocol), Instance));
        Assert.All(Codes.Where(c => c != "accreditation"), c => Assert.Null(S(c).RefusalDueWorkingDaysAfterProtocol));
        var late = Refusals.Notice(S("accreditation"), "RFN-1", D(due).AddDays(1), "ТОО", [], "…", "төраға", D(protocol), D(due));
        Assert.True(late.Late);
    }

    // 4. The completeness check is due within 2 working days of receipt (l. 274/2487/4717/6857/8964/11000).
    [Theory]
    [InlineData("2026-03-20", "2026-03-27")] // Nauryz
    [InlineData("2024-12-31", "2025-01-06")] // New Year, a moved day off, Sunday 5 January worked
    [InlineData("2026-11-24", "2026-11-26")]
    public void Fact04_the_completeness_check_is_due_within_two_working_days_of_receipt(string submitted, string due)
    {
        Assert.All(new[] { 274, 2487, 4717, 6857, 8964, 11000 }, l => Assert.True(Seed.Says(l, "екі жұмыс күні ішінде ұсынылған құжаттардың толықтығын")));
        Assert.All(Codes, c => Assert.Equal(D(due), Deadlines.Compute(S(c).Deadline, D(submitted), [], Instance).CompletenessCheckDue));
    }

    // 5. Missing para-11 documents suspend consideration until supplied; it starts at notification (#1–#3) or at receipt of
    //    the notice (#4–#6) (l. 276, 2489, 4719, 6859, 8966, 11002).
    [Fact]
    public void Fact05_missing_documents_suspend_until_supplied_from_notification_or_from_receipt_of_the_notice()
    {
        Assert.All(new[] { 276, 2489, 4719 }, l => Assert.True(Seed.Says(l, "хабарлаған сәттен")));
        Assert.All(new[] { 6859, 8966, 11002 }, l => Assert.True(Seed.Says(l, "хабарлама алған сәттен")));
        Assert.Equal([SuspensionStart.ApplicantNotified, SuspensionStart.ApplicantNotified, SuspensionStart.ApplicantNotified,
            SuspensionStart.NoticeReceived, SuspensionStart.NoticeReceived, SuspensionStart.NoticeReceived], ServiceCatalogue.All.Select(s => s.SuspensionStarts));

        var checkedOn = D("2026-11-04");
        Assert.Equal((checkedOn, (string?)null), Completeness.SuspensionStartsOn(S("permit"), checkedOn, null));
        Assert.NotNull(Completeness.SuspensionStartsOn(S("accreditation"), checkedOn, null).Error);
        Assert.Equal(D("2026-11-06"), Completeness.SuspensionStartsOn(S("accreditation"), checkedOn, D("2026-11-06")).Start);

        Assert.Equal(ApplicationStep.SuspendForMissingDocuments, Completeness.Decide(S("permit"), ApplicationStatus.Submitted, null, checkedOn, ["expert-conclusion"]).Step);
        Assert.Null(Due("permit", "2026-11-02", new Suspension(D("2026-11-04"), null)));                       // the clock stops
        Assert.Equal(D("2026-11-24"), Due("permit", "2026-11-02", new Suspension(D("2026-11-04"), D("2026-11-10")))); // 17 → 24 November
        Assert.False(ApplicationLifecycle.Apply(ApplicationStatus.Suspended, ApplicationStep.Issue).Allowed);
        Assert.Equal(ApplicationStatus.UnderReview, ApplicationLifecycle.Apply(ApplicationStatus.Suspended, ApplicationStep.ReceiveMissingDocuments).Next);
    }

    // 6. A Centre refuses intake when any para-11 document is missing and gives a қолхат listing the missing ones
    //    (l. 280/2493/4723/6863/8970/11006).
    [Fact]
    public void Fact06_a_centre_refuses_intake_when_any_document_is_missing_and_lists_the_missing_ones()
    {
        Assert.All(new[] { 280, 2493, 4723, 6863, 8970, 11006 }, l => Assert.True(Seed.Says(l, "құжаттардың біреуін ұсынбаған жағдайда")));
        Assert.All(ServiceCatalogue.All, s =>
        {
            var all = s.DocumentsFor(Channel.Centre).Select(d => d.Code).ToList();
            Assert.Empty(Intake.Missing(s, Channel.Centre, all));
            foreach (var left in all)
                Assert.Equal([left], Intake.Missing(s, Channel.Centre, all.Where(c => c != left)).Select(d => d.Code));
            Assert.All(Intake.Missing(s, Channel.Centre, []), d => Assert.False(string.IsNullOrWhiteSpace(d.Title.Kk) || string.IsNullOrWhiteSpace(d.Title.Ru)));
        });
    }

    // 7. Documents per channel (Committee/Centre/Portal): #1 2/2/2, #2 2/2/2, #3 3/3/3, #4 3/3/4, #5 3/3/–, #6 4/4/– (section 4).
    [Theory]
    [InlineData("attestation", 2, 2, 2)]
    [InlineData("permit", 2, 2, 2)]
    [InlineData("declaration", 3, 3, 3)]
    [InlineData("accreditation", 3, 3, 4)]
    [InlineData("fire-equipment-conclusion", 3, 3, null)]
    [InlineData("standard-agreement", 4, 4, null)]
    public void Fact07_document_counts_per_channel(string code, int committee, int centre, int? portal)
    {
        Assert.Equal(committee, S(code).DocumentsFor(Channel.Committee).Count());
        Assert.Equal(centre, S(code).DocumentsFor(Channel.Centre).Count());
        Assert.Equal(portal ?? 0, S(code).DocumentsFor(Channel.Portal).Count());
        Assert.Equal(portal is not null, S(code).Channels.Contains(Channel.Portal));
    }

    // 8. #4 intake never requires a charter or notarised copies: those are annex-2 form text (l. 8722–8740 vs 6787–6805).
    [Fact]
    public void Fact08_accreditation_intake_never_asks_for_a_charter_or_notarised_copies()
    {
        Assert.True(Seed.Says(8724, "нотариалды куәландырылған ұйым жарғысының көшірмесі")); // annex 2 only
        var accreditation = S("accreditation");
        Assert.Equal(["application", "premises-and-equipment", "specialists-documents"], accreditation.DocumentsFor(Channel.Centre).Select(d => d.Code));
        Assert.Equal(["application", "registration-certificate", "premises-and-equipment", "specialists-documents"],
            accreditation.DocumentsFor(Channel.Portal).Select(d => d.Code));
        Assert.DoesNotContain(accreditation.Documents, d => d.OriginalOrNotarisedCopy || d.Code == "charter");
        Assert.Empty(Intake.Missing(accreditation, Channel.Centre, ["application", "premises-and-equipment", "specialists-documents"]));
        Assert.Equal([6793], accreditation.Documents.Single(d => d.Code == "specialists-documents").WordingOn(Channel.Centre)!.Seed.Lines); // electronic copies
    }

    // 9. #6: drafts in Kazakh and Russian, at least 4 copies (l. 10954). #5 and #6: lab results in originals or notarised
    //    copies (l. 8922, 10956); a power of representation only when a representative applies (l. 8924, 10958).
    [Fact]
    public void Fact09_drafts_in_both_languages_four_copies_lab_originals_or_notarised_and_powers_only_for_representatives()
    {
        Assert.True(Seed.Says(10954, "мемлекеттік және орыс тілдерінде кемінде 4 данадан"));
        var drafts = S("standard-agreement").Documents.Single(d => d.Code == "standard-drafts");
        Assert.Equal(4, drafts.MinimumCopies);
        Assert.Equal(["kk", "ru"], drafts.Languages);

        foreach (var (code, lab, representative) in new[] { ("fire-equipment-conclusion", 8922, 8924), ("standard-agreement", 10956, 10958) })
        {
            Assert.True(Seed.Says(lab, "түпнұсқалары немесе түпнұсқалардың нотариалды куәландырылған көшірмелері"));
            Assert.True(S(code).Documents.Single(d => d.Code == "laboratory-test-results").OriginalOrNotarisedCopy);
            Assert.True(Seed.Says(representative, "өкілі жүгінген жағдайда"));
            var identity = S(code).Documents.Single(d => d.Code == "representative-identity");
            Assert.NotNull(identity.Condition);
            Assert.Contains("өкілі жүгінген жағдайда", identity.Condition!.Kk, StringComparison.Ordinal);
        }
        Assert.All(Codes.Take(4), c => Assert.DoesNotContain(S(c).Documents, d => d.OriginalOrNotarisedCopy || d.MinimumCopies is not null));
    }

    // 10. #5 and #6 take a free-form application stating name, postal address, outgoing number and date, with a signature;
    //     #6 may be signed by the applicant or the standard's developer (l. 8920, 8928, 10952, 10962).
    [Fact]
    public void Fact10_services_five_and_six_take_a_free_form_application()
    {
        Assert.True(Seed.Says(8928, "Өтініш еркін нысанда жазылады. Бланкілер толтыру көзделмеген"));
        Assert.True(Seed.Says(10962, "Өтініш еркін нысанда жазылады. Бланкілер толтыру көзделмеген"));
        Assert.True(Seed.Says(10952, "мемлекеттік қызметті алушы немесе ұйым стандартын әзірлеуші қол қояды"));
        Assert.Equal([false, false, false, false, true, true], ServiceCatalogue.All.Select(s => s.Form.FreeForm));
        foreach (var code in new[] { "fire-equipment-conclusion", "standard-agreement" })
        {
            var contents = S(code).Form.RequiredContents.Select(t => t.Kk).ToList();
            Assert.Contains("пошталық мекенжайы", contents);
            Assert.Contains("шығыс нөмірі мен күні", contents);
            Assert.Contains(contents, c => c.Contains("атауы", StringComparison.Ordinal));
        }
        Assert.Equal("мемлекеттік қызметті алушы", S("fire-equipment-conclusion").Form.SignedBy.Kk);
        Assert.Contains("әзірлеуші", S("standard-agreement").Form.SignedBy.Kk, StringComparison.Ordinal);
    }

    // 11. Non-resident permit applicants are legal entities and file at the Committee with 2 documents (l. 2391–2395).
    [Fact]
    public void Fact11_non_resident_permit_applicants_file_at_the_committee_with_two_documents()
    {
        Assert.True(Seed.Says(2391, "Қазақстан Республикасының резиденті емес заңды тұлғалары"));
        var permit = S("permit");
        Assert.Equal([Channel.Committee], permit.ChannelsFor(ApplicantType.NonResident));
        Assert.Equal(["application", "expert-conclusion"], permit.DocumentsFor(Channel.Committee, ApplicantType.NonResident).Select(d => d.Code));
        Assert.Equal([2393], permit.NonResidents!.Documents[0].WordingOn(Channel.Committee)!.Seed.Lines);
        Assert.True(Intake.MayFileOn(permit, ApplicantType.NonResident, Channel.Committee));
        Assert.False(Intake.MayFileOn(permit, ApplicantType.NonResident, Channel.Centre));
        Assert.False(Intake.MayFileOn(permit, ApplicantType.NonResident, Channel.Portal));
        Assert.All(Codes.Where(c => c != "permit"), c => Assert.False(Intake.MayApply(S(c), ApplicantType.NonResident)));
    }

    // 12. #1 and #4 serve legal entities only (l. 96, 6749); #2, #3, #5, #6 individuals too (l. 2337, 4545, 8890, 10922).
    [Theory]
    [InlineData("attestation", 96, false)]
    [InlineData("permit", 2337, true)]
    [InlineData("declaration", 4545, true)]
    [InlineData("accreditation", 6749, false)]
    [InlineData("fire-equipment-conclusion", 8890, true)]
    [InlineData("standard-agreement", 10922, true)]
    public void Fact12_who_may_apply(string code, int line, bool individuals)
    {
        Assert.True(Seed.Says(line, individuals ? "жеке және заңды тұлғаларға" : "6. Мемлекеттік қызмет заңды тұлғаларға"));
        Assert.True(Intake.MayApply(S(code), ApplicantType.LegalEntity));
        Assert.Equal(individuals, Intake.MayApply(S(code), ApplicantType.Individual));
    }

    // 13. The Portal exists for #1–#4 only; a portal filing to #5 or #6 is rejected (l. 62/2315/4513/6727 vs 8872/10904).
    [Fact]
    public void Fact13_the_portal_serves_services_one_to_four_only()
    {
        Assert.All(new[] { 62, 2315, 4513, 6727 }, l => Assert.True(Seed.Says(l, "«Е-лицензиялау» веб-порталы")));
        Assert.All(new[] { 8872, 10904 }, l => Assert.False(Seed.Says(l, "портал")));
        Assert.Equal(Codes.Take(4), ServiceCatalogue.All.Where(s => s.Channels.Contains(Channel.Portal)).Select(s => s.Code));
        Assert.False(Intake.MayFileOn(S("fire-equipment-conclusion"), ApplicantType.LegalEntity, Channel.Portal));
        Assert.False(Intake.MayFileOn(S("standard-agreement"), ApplicantType.Individual, Channel.Portal));
    }

    // 14. Each service has exactly two refusal grounds, stored in the seed's wording (l. 278, 2491, 4721, 6861, 8968, 11004).
    [Theory]
    [InlineData("attestation", 278, "Мемлекеттік қызметті алушы мәліметтерді толық ұсынбаған", "ұйым өнеркәсіптік қауіпсіздік талаптарына сәйкес келмеген")]
    [InlineData("permit", 2491, "Мемлекеттік қызметті алушы мәліметтерді толық ұсынбаған", "ұйым өнеркәсіптік қауіпсіздік талаптарына сәйкес келмеген")]
    [InlineData("declaration", 4721, "Мемлекеттік қызметті алушы мәліметтерді толық ұсынбаған", "ұйым өнеркәсіптік қауіпсіздік талаптарына сәйкес келмеген")]
    [InlineData("accreditation", 6861, "Мемлекеттік қызметті алушы толық емес мәліметтерді ұсынған", "үш маманнан кем болған")]
    [InlineData("fire-equipment-conclusion", 8968, "Мемлекеттік қызметті алушы толық емес мәліметтерді ұсынған", "олар осы стандарттың талаптарына сәйкес болмаған")]
    [InlineData("standard-agreement", 11004, "Мемлекеттік қызметті алушы толық мәліметтерді ұсынбаған",
        "ұйым стандарты жобасының өрт қауіпсіздігі саласындағы нормативтік құжаттарға сәйкес болмаған")]
    public void Fact14_each_service_has_exactly_two_refusal_grounds_in_the_seed_s_words(string code, int line, string first, string second)
    {
        var grounds = S(code).RefusalGrounds;
        Assert.Equal(2, grounds.Count);
        Assert.Equal(Refusals.IncompleteInformation, grounds[0].Code);
        Assert.Equal(first, grounds[0].Text.Kk);
        Assert.EndsWith(second, grounds[1].Text.Kk, StringComparison.Ordinal);
        Assert.All(grounds, g =>
        {
            Assert.Equal([line], g.Seed.Lines);
            Assert.True(Seed.Says(line, g.Text.Kk), $"{code}/{g.Code} is not verbatim at l. {line}");
            Assert.False(string.IsNullOrWhiteSpace(g.Text.Ru));
        });
        Assert.All(new[] { 2491, 4721 }, l => Assert.True(Seed.Says(l, "ұйым өнеркәсіптік"))); // the «ұйым» slip, stored verbatim with a note
        // The «ұйым» slip of #2 and #3 and #5's «олар» without a referent are stored verbatim, each with a note.
        Assert.Equal(code is "permit" or "declaration" or "fire-equipment-conclusion", grounds[1].Note is not null);
    }

    // 15. #4 refuses when fewer than 3 qualified specialists are on staff: fire-safety higher education, or other higher
    //     education plus at least 5 years in fire services; plus special courses (l. 6861).
    [Theory]
    [InlineData(true, false, 0, true, true)]   // fire-safety degree and courses
    [InlineData(false, true, 5, true, true)]   // another degree, five years, courses
    [InlineData(false, true, 4, true, false)]  // four years are not enough
    [InlineData(true, false, 10, false, false)] // no special courses
    [InlineData(false, false, 20, true, false)] // no higher education
    public void Fact15_accreditation_needs_three_qualified_specialists(bool fireDegree, bool otherDegree, int years, bool courses, bool qualified)
    {
        Assert.True(Seed.Says(6861, "кемінде бес жыл жұмыс стажы бар, арнайы оқыту курстарынан өткен үш маманнан кем болған"));
        var specialist = new Specialist(fireDegree, otherDegree, years, courses);
        Assert.Equal(qualified, AccreditationStaff.Qualified(specialist));
        var good = new Specialist(true, false, 0, true);
        Assert.Equal(!qualified, AccreditationStaff.FewerThanRequired([good, good, specialist]));
        Assert.False(AccreditationStaff.FewerThanRequired([good, good, good]));
        Assert.Contains(S("accreditation").RefusalGrounds, g => g.Code == AccreditationStaff.Ground);
    }

    // 16. No refusal ground beyond those two; an expired expert conclusion is not a stated ground (l. 222, 278).
    [Fact]
    public void Fact16_no_refusal_beyond_the_two_grounds_and_an_expired_expert_conclusion_is_not_one()
    {
        Assert.True(Seed.Says(222, "үш ай бойы қолданыста болады"));
        Assert.False(Seed.Says(278, "сараптамалық қорытынды"));
        var attestation = S("attestation");
        Assert.NotNull(Refusals.Decide(attestation, ApplicationStatus.UnderReview, ["expert-conclusion-expired"]).Error);
        Assert.NotNull(Refusals.Decide(attestation, ApplicationStatus.UnderReview, []).Error);
        Assert.Null(Refusals.Decide(attestation, ApplicationStatus.UnderReview, ["industrial-safety-requirements-not-met"]).Error);
        Assert.NotNull(Refusals.Decide(S("permit"), ApplicationStatus.UnderReview, ["fewer-than-three-qualified-specialists"]).Error); // another service's ground

        var expired = Completeness.Decide(attestation, ApplicationStatus.Submitted, D("2026-01-01"), D("2026-06-01"), []);
        Assert.True(expired.ExpertConclusionExpired);
        Assert.Equal(ApplicationStatus.UnderReview, expired.Outcome.Next); // flagged, never refused
        // A suspended application may be refused — for incomplete information only.
        Assert.Equal(ApplicationStatus.Refused, Refusals.Decide(attestation, ApplicationStatus.Suspended, [Refusals.IncompleteInformation]).Outcome.Next);
        Assert.NotNull(Refusals.Decide(attestation, ApplicationStatus.Suspended, ["industrial-safety-requirements-not-met"]).Error);
    }

    // 17. Silence: deemed issued, registered or agreed from the day the term passed, for all six
    //     (l. 292/2505/4737/6875/8972/11008); #2's deemed result is the permit despite «аттестат» (l. 2505).
    [Theory]
    [InlineData("attestation", 292, "2026-03-20", "2026-04-16")]
    [InlineData("permit", 2505, "2026-03-20", "2026-04-05")]
    [InlineData("declaration", 4737, "2026-03-20", "2026-04-05")]
    [InlineData("accreditation", 6875, "2026-03-20", "2026-04-16")]
    [InlineData("fire-equipment-conclusion", 8972, "2026-03-20", "2026-04-05")]
    [InlineData("standard-agreement", 11008, "2026-03-20", "2026-04-05")]
    public void Fact17_silence_deems_the_result_given_from_the_day_the_term_passed(string code, int line, string submitted, string deemedOn)
    {
        var due = Due(code, submitted)!.Value;
        Assert.Null(Deadlines.DeemedIssuedOn(due, due));
        Assert.Equal(D(deemedOn), Deadlines.DeemedIssuedOn(due, due.AddDays(30)));
        Assert.True(Seed.Says(line, S(code).DeemedQuote.Text.Kk));
        Assert.Equal([line], S(code).DeemedQuote.Seed.Lines);
        Assert.False(ApplicationLifecycle.Apply(ApplicationStatus.Suspended, ApplicationStep.DeemIssued).Allowed);
        if (code == "permit")
        {
            Assert.True(Seed.Says(2505, "аттестат берілген болып есептеледі"));
            Assert.Equal("Рұқсат берілді деп есептеледі", S("permit").DeemedResult.Kk);
            Assert.NotNull(S("permit").DeemedNote);
        }
    }

    // 18. Electronic requests (#1–#4) are not accepted on exactly 3 grounds (l. 282–288, 2495–2501, 4725–4731, 6865–6871).
    [Theory]
    [InlineData("attestation", 284, 286, 288)]
    [InlineData("permit", 2497, 2499, 2501)]
    [InlineData("declaration", 4727, 4729, 4731)]
    [InlineData("accreditation", 6867, 6869, 6871)]
    public void Fact18_electronic_requests_are_refused_on_three_grounds_only(string code, int first, int second, int third)
    {
        var grounds = S(code).ElectronicRequestGrounds;
        Assert.Equal(["restricted-access", "resource-not-held", "request-unclear"], grounds.Select(g => g.Code));
        Assert.Equal([first, second, third], grounds.Select(g => g.Seed.Lines.Single()));
        Assert.All(grounds, g => Assert.True(Seed.Says(g.Seed.Lines[0], g.Text.Kk), $"{code}/{g.Code} not verbatim"));
        Assert.Empty(S("fire-equipment-conclusion").ElectronicRequestGrounds);
        Assert.Empty(S("standard-agreement").ElectronicRequestGrounds);
    }

    // 19. Intake proof: talon (#1–#3 Committee) (l. 244, 2461, 4687); marked copy with 4 marks (#4–#6 Committee)
    //     (l. 6821–6829, 8934–8942, 10970–10978); 6-field қолхат at Centres (l. 248–258); portal notification with date
    //     and time (l. 260, 2477, 4703, 6845).
    [Fact]
    public void Fact19_proof_of_intake_per_channel()
    {
        Assert.True(Seed.Says(244, "талон беріледі"));
        Assert.True(Seed.Says(6825, "өтінішті қабылдаған адамның телефон нөмірі"));
        Assert.True(Seed.Says(260, "нәтижесін алу күні мен уақытын"));
        IntakeProofKind? On(string c, Channel ch) => S(c).ProofOn(ch)?.Kind;
        Assert.All(Codes.Take(3), c => Assert.Equal(IntakeProofKind.Talon, On(c, Channel.Committee)));
        Assert.All(Codes.Skip(3), c => Assert.Equal(IntakeProofKind.MarkedApplicationCopy, On(c, Channel.Committee)));
        Assert.All(Codes, c => Assert.Equal(IntakeProofKind.CentreReceipt, On(c, Channel.Centre)));
        Assert.All(Codes.Take(4), c => Assert.Equal(IntakeProofKind.PortalNotification, On(c, Channel.Portal)));
        Assert.All(Codes.Skip(4), c => Assert.Null(On(c, Channel.Portal)));
        Assert.All(ServiceCatalogue.All, s =>
        {
            Assert.Equal(6, s.ProofOn(Channel.Centre)!.Fields.Count);
            Assert.Equal(4, s.ProofOn(Channel.Committee)!.Kind == IntakeProofKind.MarkedApplicationCopy ? s.ProofOn(Channel.Committee)!.Fields.Count : 4);
        });
        Assert.Contains(S("accreditation").ProofOn(Channel.Portal)!.Fields, f => f.Kk.Contains("күні мен уақыты", StringComparison.Ordinal));
    }

    // 20. Result form: #1–#3 electronic with EDS, paper at the Committee or a Centre on request (l. 88–92, 2333–2335,
    //     4539–4541); #4 electronic, paper only at the Committee (l. 6745–6747); #5 paper (l. 8888); #6 letter and signed drafts (l. 10920, 10994).
    [Fact]
    public void Fact20_the_form_of_each_result()
    {
        Assert.True(Seed.Says(92, "Комитетке немесе Орталыққа жүгінген жағдайда"));
        Assert.True(Seed.Says(6747, "Комитетке жүгінген жағдайда"));
        Assert.True(Seed.Says(8888, "қағаз тасығышта берілетін қорытынды"));
        Assert.Equal([ResultMedium.ElectronicDocument, ResultMedium.ElectronicDocument, ResultMedium.ElectronicDocument, ResultMedium.ElectronicDocument,
            ResultMedium.Paper, ResultMedium.LetterWithSignedDraft], ServiceCatalogue.All.Select(s => s.ResultForm.Medium));
        Assert.All(Codes.Take(3), c => Assert.Equal([Channel.Committee, Channel.Centre], S(c).ResultForm.PaperCopyAt));
        Assert.Equal([Channel.Committee], S("accreditation").ResultForm.PaperCopyAt);
        Assert.Null(ResultHandover.DeliveryError(S("attestation"), Channel.Portal, HandoverItem.PaperCopy, DeliveryMethod.CentreWindow));
        Assert.NotNull(ResultHandover.DeliveryError(S("accreditation"), Channel.Centre, HandoverItem.PaperCopy, DeliveryMethod.CentreWindow));
        Assert.Null(ResultHandover.DeliveryError(S("accreditation"), Channel.Centre, HandoverItem.PaperCopy, DeliveryMethod.InPerson));
        Assert.NotNull(ResultHandover.DeliveryError(S("fire-equipment-conclusion"), Channel.Committee, HandoverItem.PaperCopy, DeliveryMethod.InPerson));
    }

    // 21. Post delivery exists for #4–#6 only (l. 6849, 8958, 10994); #1–#3 in person, at the window, or in the cabinet (l. 266–270).
    [Fact]
    public void Fact21_post_delivery_for_services_four_to_six_only()
    {
        Assert.All(new[] { 6849, 8958, 10994 }, l => Assert.True(Seed.Says(l, "пошта арқылы")));
        Assert.False(Seed.Says(266, "пошта"));
        Assert.Equal(Codes.Skip(3), ServiceCatalogue.All.Where(s => s.Delivery.Any(d => d.Method == DeliveryMethod.Post)).Select(s => s.Code));
        Assert.Equal([DeliveryMethod.InPerson], ResultHandover.MethodsFor(S("permit"), Channel.Committee));
        Assert.Equal([DeliveryMethod.CentreWindow], ResultHandover.MethodsFor(S("permit"), Channel.Centre));
        Assert.Equal([DeliveryMethod.PersonalCabinet], ResultHandover.MethodsFor(S("permit"), Channel.Portal));
        Assert.NotNull(ResultHandover.DeliveryError(S("permit"), Channel.Committee, HandoverItem.Result, DeliveryMethod.Post));
        Assert.Null(ResultHandover.DeliveryError(S("standard-agreement"), Channel.Committee, HandoverItem.RefusalNotice, DeliveryMethod.Post));
    }

    // 22. A Centre keeps an uncollected #4–#6 result for 1 month, then sends it on (l. 6853, 8962, 10998).
    [Fact]
    public void Fact22_a_centre_keeps_an_uncollected_result_one_month_then_sends_it_on()
    {
        Assert.All(new[] { 6853, 8962, 10998 }, l => Assert.True(Seed.Says(l, "бір ай бойы")));
        Assert.All(Codes.Take(3), c => Assert.Null(S(c).UncollectedAtCentre));
        Assert.Equal(["Комитетке", "уәкілетті органға", "Комитетке"], Codes.Skip(3).Select(c => S(c).UncollectedAtCentre!.ThenSentTo.Kk));
        var rule = S("accreditation").UncollectedAtCentre!;
        Assert.Equal(D("2026-02-28"), rule.LastDay(D("2026-01-31")));
        Assert.False(ResultHandover.MaySendOn(rule, D("2026-01-31"), D("2026-02-28")));
        Assert.True(ResultHandover.MaySendOn(rule, D("2026-01-31"), D("2026-03-01")));
        Assert.NotNull(ResultHandover.StorageError(S("attestation"), Channel.Centre));
        Assert.NotNull(ResultHandover.StorageError(S("accreditation"), Channel.Committee));
    }

    // 23. Duplicates (#4–#6) within 10 working days of an application, proof of loss or damage and the para-11 documents
    //     (l. 6913, 9008, 11044); #1–#3 have none.
    [Fact]
    public void Fact23_duplicates_for_services_four_to_six_within_ten_working_days()
    {
        Assert.All(new[] { 6913, 9008, 11044 }, l => Assert.True(Seed.Says(l, "он жұмыс күні ішінде береді")));
        Assert.All(Codes.Take(3), c => Assert.Null(S(c).Duplicates));
        Assert.All(Codes.Skip(3), c => Assert.Equal(10, S(c).Duplicates!.WorkingDays));
        Assert.Equal(D("2026-04-07"), Duplicates.DueOn(S("accreditation").Duplicates!, D("2026-03-19"), Instance)); // 21–25 March (Nauryz) skipped
        var standard = S("standard-agreement");
        Assert.Equal(["duplicate-application", "loss-or-damage-proof", "application", "standard-drafts", "laboratory-test-results", "representative-identity"],
            Duplicates.Required(standard));
        Assert.Equal(["loss-or-damage-proof"], Duplicates.Missing(standard, Duplicates.Required(standard).Where(c => c != "loss-or-damage-proof")));
        Assert.Contains("қол қойылған жобасы", standard.Duplicates!.Covers.Kk, StringComparison.Ordinal);
    }

    // 24. Mailbox only for #1–#3 (l. 118, 2353, 4567); Portal 24/7 only for #1–#4 (l. 128, 2363, 4577, 6775); Centres
    //     Mon–Sat 9:00–20:00 (l. 122, 6769, 10938).
    [Fact]
    public void Fact24_schedules_mailbox_for_one_to_three_portal_round_the_clock_for_one_to_four_centres_monday_to_saturday()
    {
        Assert.All(new[] { 118, 2353, 4567 }, l => Assert.True(Seed.Says(l, "Хаттар күн сайын сағат 18.00-де алынады")));
        Assert.All(new[] { 128, 2363, 4577, 6775 }, l => Assert.True(Seed.Says(l, "тәулік бойы")));
        bool Has(string c, SchedulePlace p) => S(c).Schedules.Any(x => x.Place == p);
        Assert.Equal(Codes.Take(3), Codes.Where(c => Has(c, SchedulePlace.Mailbox)));
        Assert.Equal(Codes.Take(4), Codes.Where(c => Has(c, SchedulePlace.Portal)));
        Assert.All(ServiceCatalogue.All, s =>
        {
            var centre = s.Schedules.Single(x => x.Place == SchedulePlace.Centre);
            Assert.Equal((new TimeOnly(9, 0), new TimeOnly(20, 0)), (centre.Opens!.Value, centre.Closes!.Value));
            Assert.NotEqual(ScheduleDays.EveryDay, centre.Days);
            var committee = s.Schedules.Single(x => x.Place == SchedulePlace.Committee);
            Assert.Equal((new TimeOnly(9, 0), new TimeOnly(18, 30), new TimeOnly(13, 0)), (committee.Opens!.Value, committee.Closes!.Value, committee.LunchFrom!.Value));
        });
        Assert.True(Seed.Says(122, "үзіліссіз"));
        Assert.False(Seed.Says(6769, "үзіліссіз"));
        Assert.Equal([true, true, true, null, null, null], ServiceCatalogue.All.Select(s => s.Schedules.Single(x => x.Place == SchedulePlace.Centre).WithoutBreak));
    }

    // 25. Every service is free (l. 110/2347/4559/6761/8900/10932); the queue wait is at most 20 minutes (l. 104–106).
    [Fact]
    public void Fact25_every_service_is_free_and_the_queue_wait_is_at_most_twenty_minutes()
    {
        Assert.All(new[] { 110, 2347, 4559, 6761, 8900, 10932 }, l => Assert.True(Seed.Says(l, "Мемлекеттік қызмет тегін көрсетіледі")));
        Assert.True(Seed.Says(104, "жиырма минут") && Seed.Says(106, "жиырма минут"));
        Assert.Equal(("Тегін", "Бесплатно"), (ServiceCatalogue.Fee.Kk, ServiceCatalogue.Fee.Ru));
        Assert.Equal(20, ServiceCatalogue.MaxQueueWaitMinutes);
    }

    // 26. A complaint states surname, name and patronymic, postal address, date, signature, the official complained about,
    //     reasons and demands (l. 336–338).
    [Fact]
    public void Fact26_a_complaint_states_who_where_when_signature_whom_and_why()
    {
        Assert.True(Seed.Says(336, "тегі, аты, әкесінің аты, пошталық мекенжайы, шағымды беру күні"));
        Assert.True(Seed.Says(338, "жүгіну себептері мен талаптары"));
        Assert.All(ServiceCatalogue.All, s =>
        {
            Assert.Equal(6, s.Complaints.RequiredContents.Count);
            Assert.Contains(s.Complaints.RequiredContents, t => t.Kk == "пошталық мекенжайы");
            Assert.Contains(s.Complaints.RequiredContents, t => t.Kk.Contains("қолы", StringComparison.Ordinal));
        });
        Assert.Equal([336, 338], S("attestation").Complaints.ContentsSeed.Lines);
    }

    // 27. The complaint talon holds number, date and time, answer term and place, the acceptor's name, contact data (l. 342, 348).
    [Fact]
    public void Fact27_the_complaint_talon_holds_number_date_time_answer_term_and_place_acceptor_and_contacts()
    {
        Assert.True(Seed.Says(342, "шағымға жауап алу мерзімі мен орнын"));
        Assert.True(Seed.Says(348, "нөмірі, күні, байланыс деректері"));
        var fields = S("declaration").Complaints.TalonFields.Select(f => f.Kk).ToList();
        Assert.Equal(["нөмірі", "шағымды беру күні мен уақыты", "шағымға жауап алу мерзімі мен орны", "шағымды қабылдаған лауазымды адамның тегі мен аты-жөні", "байланыс деректері"], fields);
    }

    // 28. Complaint routes: Committee chair; Ministry leadership; the Centre head or Centre RSE head; court (l. 320–328);
    //     the answer goes by post (l. 350).
    [Fact]
    public void Fact28_complaint_routes_and_the_answer_by_post()
    {
        Assert.True(Seed.Says(320, "Министрліктің басшылығына"));
        Assert.True(Seed.Says(324, "Орталық РМК басшысына"));
        Assert.True(Seed.Says(328, "сотқа жүгінеді"));
        Assert.True(Seed.Says(350, "пошта арқылы жазбаша"));
        Assert.All(ServiceCatalogue.All, s =>
        {
            Assert.Equal([ComplaintAddressee.MinistryLeadership, ComplaintAddressee.CommitteeChair, ComplaintAddressee.CentreHead, ComplaintAddressee.Court],
                s.ComplaintRoutes.Select(r => r.Addressee));
            Assert.Equal(DeliveryMethod.Post, s.Complaints.AnswerBy);
            Assert.Equal("8 (7172) 60-21-33", s.ComplaintRoutes[0].Phone);
        });
        Assert.Equal([320], S("attestation").ComplaintRoutes[0].Seed.Lines);
        Assert.Equal([11024], S("standard-agreement").ComplaintRoutes[3].Seed.Lines);
    }

    // 29. The complaint answer date is configurable: the seed has no day count (l. 344).
    [Fact]
    public void Fact29_the_seed_gives_no_day_count_for_a_complaint_answer()
    {
        Assert.True(Seed.Says(344, "Заңында көзделген тәртіппен және мерзімде"));
        Assert.DoesNotMatch(@"\d+ (күн|жұмыс)", Seed.Line(344));
        Assert.All(ServiceCatalogue.All, s => Assert.Null(s.Complaints.AnswerWithinDays));
    }

    // 30. Portal complaint status (delivered/registered/executed/reviewed/refused) only for #1–#4 (l. 352, 2541, 4797, 6911).
    [Fact]
    public void Fact30_portal_complaint_statuses_for_services_one_to_four_only()
    {
        Assert.All(new[] { 352, 2541, 4797, 6911 }, l => Assert.True(Seed.Says(l, "жеткізу, тіркеу")));
        Assert.All(Codes.Take(4), c => Assert.Equal(5, S(c).Complaints.PortalStatuses.Count));
        Assert.All(Codes.Skip(4), c => Assert.Empty(S(c).Complaints.PortalStatuses));
        Assert.Equal([352], S("attestation").Complaints.PortalStatusSeed!.Lines);
    }

    // 31. Six quality indicators per service; 1.1 from registry dates, 3.2 from the catalogue, the rest from surveys; the
    //     values are blank and targets are set yearly (l. 2224–2287, 308).
    [Fact]
    public void Fact31_six_quality_indicators_with_their_sources_and_yearly_targets()
    {
        Assert.True(Seed.Says(308, "жыл сайын Қазақстан Республикасы Төтенше жағдайлар министрінің бұйрығымен бекітіледі"));
        Assert.All(ServiceCatalogue.All, s =>
        {
            Assert.Equal(["1.1", "2.1", "3.1", "3.2", "4.1", "5.1"], s.QualityIndicators.Select(i => i.Code));
            Assert.Equal([IndicatorSource.RegistryDates, IndicatorSource.Survey, IndicatorSource.Survey, IndicatorSource.ServiceCatalogue, IndicatorSource.Survey,
                IndicatorSource.Survey], s.QualityIndicators.Select(i => i.Source));
            Assert.All(s.QualityIndicators, i => Assert.True(Seed.Says(i.Name.Seed.Lines[0], i.Name.Text.Kk), $"{s.Code} {i.Code} not verbatim"));
        });
        Assert.Equal([2224, 2237, 2250, 2261, 2274, 2287], S("attestation").QualityIndicators.Select(i => i.Name.Seed.Lines[0]));
        Assert.DoesNotMatch(@"\d", Seed.Line(2224 + 2)); // the value columns are blank
    }

    // 32. No result carries an expiry date; the expert conclusion's 3-month validity is the only term (l. 222, 2445, 4665).
    [Fact]
    public void Fact32_no_result_expires_and_only_the_expert_conclusion_has_a_term()
    {
        Assert.All(new[] { 222, 2445, 4665 }, l => Assert.True(Seed.Says(l, "үш ай")));
        Assert.Null(DocumentLifecycle.ValidUntil(D("2026-01-10"), null));
        Assert.Equal(3, ServiceCatalogue.ExpertConclusionValidityMonths);
        Assert.True(Deadlines.ExpertConclusionValid(D("2026-08-24"), D("2026-11-24")));
        Assert.False(Deadlines.ExpertConclusionValid(D("2026-08-23"), D("2026-11-24")));
        Assert.Equal([true, true, true, false, false, false], ServiceCatalogue.All.Select(s => s.ExpertConclusionRequired));
    }

    // 33. Sectors, sub-types, technology/device/material names and product types are free text (l. 2177–2185, 4359–4375).
    [Fact]
    public void Fact33_sectors_activities_and_subjects_are_free_text()
    {
        Assert.True(Seed.Line(2179).Contains("(өнеркәсіп саласын көрсету)", StringComparison.Ordinal));
        Assert.True(Seed.Line(2185).Contains("(қызметтің кіші түрін көрсету)", StringComparison.Ordinal));
        var free = new Dictionary<string, IReadOnlyList<string>> { ["sectors"] = ["Көмір өнеркәсібі"], ["activities"] = ["Аудит қауіпті объектілер / Аудит опасных объектов"] };
        Assert.Empty(Intake.FieldErrors(S("attestation"), free));
        var missing = Intake.FieldErrors(S("attestation"), new Dictionary<string, IReadOnlyList<string>> { ["sectors"] = [" "] });
        Assert.Equal(["activities", "sectors"], missing.Keys.Order());
        Assert.Empty(Intake.FieldErrors(S("permit"), new Dictionary<string, IReadOnlyList<string>> { ["subjects"] = ["Кран КС-55713"] }));
        Assert.Single(Intake.FieldErrors(S("fire-equipment-conclusion"), new Dictionary<string, IReadOnlyList<string>> { ["subjects"] = [new string('ы', Intake.MaxFieldLength + 1)] }));
    }
}
