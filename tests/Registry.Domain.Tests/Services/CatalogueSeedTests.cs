using System.Collections;
using System.Reflection;
using Registry.Domain.Services;
using Registry.Domain.Tests.Rules;

namespace Registry.Domain.Tests.Services;

/// <summary>
/// The catalogue pinned against the seed, not against itself: every Kazakh quote stands word for word on each line it
/// cites, every reference of a service points into that service's own standard, and every text the public may read is
/// given in Kazakh and in Russian — never in English.
/// </summary>
public sealed class CatalogueSeedTests
{
    sealed record Found(List<Text> Texts, List<SeedQuote> Quotes, List<SeedRef> Refs);

    static Found Walk(object root)
    {
        var found = new Found([], [], []);
        void Visit(object? value)
        {
            switch (value)
            {
                case null or string or Enum or ValueType: return;
                case Text t: found.Texts.Add(t); return;
                case SeedRef r: found.Refs.Add(r); return;
                case SeedQuote q: found.Quotes.Add(q); Visit(q.Text); Visit(q.Seed); return;
                case IEnumerable items: foreach (var item in items) Visit(item); return;
            }
            if (value.GetType().Namespace?.StartsWith("Registry.Domain", StringComparison.Ordinal) != true) return;
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                Visit(property.GetValue(value));
        }
        Visit(root);
        return found;
    }

    public static TheoryData<string> Codes => [.. ServiceCatalogue.All.Select(s => s.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_Kazakh_quote_stands_word_for_word_on_each_line_it_cites(string code)
    {
        var quotes = Walk(ServiceCatalogue.Find(code)!).Quotes;
        Assert.True(quotes.Count >= 10, $"{code}: only {quotes.Count} quotes found");
        Assert.All(quotes, q => Assert.All(q.Seed.Lines, line =>
            Assert.True(Seed.Says(line, q.Text.Kk), $"{code}: «{q.Text.Kk}» is not at l. {line}: {Seed.Line(line)}")));
        Assert.All(ServiceCatalogue.Find(code)!.RefusalGrounds.Concat(ServiceCatalogue.Find(code)!.ElectronicRequestGrounds),
            g => Assert.True(Seed.Says(g.Seed.Lines.Single(), g.Text.Kk), $"{code}/{g.Code}"));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_reference_of_a_service_points_into_its_own_standard(string code)
    {
        var service = ServiceCatalogue.Find(code)!;
        var (first, last) = Seed.Standards[service.Number];
        var refs = Walk(service).Refs;
        Assert.True(refs.Count > 30, $"{code}: only {refs.Count} references found");
        Assert.All(refs.SelectMany(r => r.Lines), line => Assert.True(line < 51 || (line >= first && line <= last), $"{code}: l. {line} is outside {first}–{last}"));
    }

    [Fact]
    public void Every_public_text_is_given_in_Kazakh_and_in_Russian_and_never_in_English()
    {
        var texts = ServiceCatalogue.All.SelectMany(s => Walk(s).Texts)
            .Concat([ServiceCatalogue.Fee, ServiceCatalogue.Complaints, ServiceCatalogue.IndustrialSafetyCommittee, ServiceCatalogue.FireServiceCommittee])
            .Concat(ServiceCatalogue.All.Select(s => s.Deadline.Text))
            .Append(Registry.Domain.Applications.Completeness.ExpiredExpertConclusionNotice)
            .ToList();
        Assert.True(texts.Count > 400, $"only {texts.Count} texts found");
        Assert.All(texts, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Kk), $"no Kazakh for «{t.Ru}»");
            Assert.False(string.IsNullOrWhiteSpace(t.Ru), $"no Russian for «{t.Kk}»");
            Assert.DoesNotMatch("[A-Za-z]", t.Kk);
            Assert.DoesNotMatch("[A-Za-z]", t.Ru);
        });
        Assert.All(ServiceCatalogue.All, s => Assert.DoesNotMatch("[A-Za-z]", s.DeemedPublicReason));
        Assert.DoesNotMatch("[A-Za-z]", Registry.Domain.Documents.DocumentLifecycle.TermEndedReason);
    }

    [Fact]
    public void The_decree_is_of_22_August_2012_and_no_text_says_otherwise()
    {
        Assert.True(Seed.Says(9, "2012 жылғы 22 тамыздағы") || Seed.Says(43, "2012 жылғы 22 тамыздағы"), Seed.Line(9) + Seed.Line(43));
        var all = ServiceCatalogue.All.SelectMany(s => Walk(s).Texts).SelectMany(t => new[] { t.Kk, t.Ru });
        Assert.DoesNotContain(all, t => t.Contains("23.08.2012", StringComparison.Ordinal) || t.Contains("1068", StringComparison.Ordinal));
    }

    [Fact]
    public void Legal_bases_as_paragraph_3_states_them_with_the_declaration_conflict_shown()
    {
        string Acts(string code) => string.Join(" | ", ServiceCatalogue.Find(code)!.LegalBasis.Acts.Select(a => a.Text.Kk));
        Assert.Contains("14-13-бабы", Acts("attestation"), StringComparison.Ordinal);
        Assert.Contains("14-10-бабы", Acts("permit"), StringComparison.Ordinal);
        Assert.Contains("25-2-бабы", Acts("accreditation"), StringComparison.Ordinal);
        Assert.Contains("286-тармағы", Acts("fire-equipment-conclusion"), StringComparison.Ordinal);
        Assert.Equal("«Өрт қауіпсіздігі туралы» 1996 жылғы 22 қарашадағы Қазақстан Республикасы Заңының 6-бабы 11-тармағы", Acts("standard-agreement")); // l. 10908
        var declaration = ServiceCatalogue.Find("declaration")!.LegalBasis;
        Assert.Contains("14-13-бабы", declaration.Acts[0].Text.Kk, StringComparison.Ordinal); // l. 4521
        Assert.Contains("11-1-бабын", declaration.FormCites!.Text.Kk, StringComparison.Ordinal); // l. 6599
        Assert.Contains("14-13", declaration.Conflict!.Ru, StringComparison.Ordinal);
        Assert.Contains("11-1", declaration.Conflict.Kk, StringComparison.Ordinal);
        Assert.All(ServiceCatalogue.All.Where(s => s.Code != "declaration"), s => Assert.Null(s.LegalBasis.Conflict));
    }

    [Fact]
    public void Document_codes_identify_and_every_document_quotes_the_seed_on_each_of_its_channels()
    {
        Assert.All(ServiceCatalogue.All, s =>
        {
            var documents = s.Documents.Concat(s.NonResidents?.Documents ?? []).ToList();
            Assert.All(documents, d => Assert.Matches("^[a-z]+(-[a-z]+)*$", d.Code));
            Assert.Equal(s.Documents.Count, s.Documents.Select(d => d.Code).Distinct().Count());
            Assert.All(documents, d => Assert.All(d.Channels, c => Assert.NotNull(d.WordingOn(c))));
            Assert.All(s.Channels, c => Assert.NotEmpty(s.DocumentsFor(c)));
        });
    }
}
