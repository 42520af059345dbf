using Dapper;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Documents;
using Registry.Projections.Postgres;

namespace Registry.Api.Tests.ReadSide;

/// <summary>A word's first place in the search order (migration 0360), where the ordered walk of a broad query starts, is
/// never after a document holding the word: through issues, a rename, a suspension and a reinstatement, and after a recount.</summary>
public sealed class SearchTermFirstPlaceTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_word_s_first_place_is_never_after_a_document_holding_it()
    {
        var officer = app.Officer();
        var word = string.Concat(Guid.NewGuid().ToByteArray().Take(10).Select(b => "бвгдклмнпрстфх"[b % 14]));
        var bin = Scenario.NewBin();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var renamed = await officer.IssueAsync(Scenario.Attestation(bin, $"ТОО «Тас {word}»", submittedOn: today.AddDays(-20)), decidedOn: today);
        await officer.IssueAsync(Scenario.Attestation(bin, $"ТОО «Жаңа {word}»", submittedOn: today.AddDays(-20)), decidedOn: today.AddDays(-10));
        await app.WaitForProjectionsAsync();
        await AssertBoundsAsync(word, exact: true);

        await officer.PostJsonAsync($"/api/v1/documents/{renamed}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await app.WaitForProjectionsAsync();
        await AssertBoundsAsync(word, exact: false);

        // Exact again after a recount: the suspended document's later place. Reinstated, it comes first again, and the
        // word's first place must follow it there although the word's count does not move.
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync(PostgresDocumentProjector.RecountTerms);
        await AssertBoundsAsync(word, exact: true);
        await officer.PostJsonAsync($"/api/v1/documents/{renamed}/reinstate", new Features.Documents.ChangeDocumentStatus.Request("Проверено", null, null), Guid.NewGuid().ToString());
        await app.WaitForProjectionsAsync();
        await AssertBoundsAsync(word, exact: true);
    }

    async Task AssertBoundsAsync(string word, bool exact)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var words = (await conn.QueryAsync<(string Term, long? Kept, long First)>("""
            select t.term, t.first_order, min(d.search_order)
            from read.documents d, unnest(tsvector_to_array(d.search)) as w(term) join read.search_terms t on t.term = w.term
            where d.search @@ to_tsquery('simple', @word)
            group by t.term, t.first_order
            """, new { word })).ToList();
        Assert.Contains(words, w => w.Term == word);
        Assert.All(words, w => Assert.True(w.Kept <= w.First, $"{w.Term}: kept {w.Kept}, first document {w.First}"));
        if (exact) Assert.Equal(words.Single(w => w.Term == word).First, words.Single(w => w.Term == word).Kept);
    }
}
