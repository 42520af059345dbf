using System.Text;
using Registry.Api.Website;

namespace Registry.Web.Tests.Units;

public sealed class PooledUtf8WriterTests
{
    [Fact]
    public void What_is_written_piece_by_piece_is_the_utf8_of_the_whole_text_past_the_first_buffer()
    {
        // Kazakh and Russian letters (two bytes), a sign of three and an emoji of four, whose halves arrive in separate writes.
        const string emoji = "\U0001F525";
        var pieces = new List<string>();
        for (var i = 0; i < 400; i++) pieces.AddRange(["<li class=\"hit\">", "Қарағанды ", "«Өрт» ", "№ ", emoji[..1], emoji[1..], "</li>"]);
        using var writer = new PooledUtf8Writer(initialBytes: 64);
        foreach (var piece in pieces)
        {
            if (piece.Length == 1) writer.Write(piece[0]);
            else writer.Write(piece);
        }
        writer.Write(['a', 'ә', 'b'], 1, 1);

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(pieces) + "ә"), writer.ToMemory().ToArray());
    }

    [Fact]
    public void A_high_surrogate_left_at_the_end_becomes_a_replacement_character_as_encoding_it_alone_would()
    {
        using var writer = new PooledUtf8Writer();
        writer.Write("x");
        writer.Write('\uD83D');

        Assert.Equal(Encoding.UTF8.GetBytes("x\uD83D"), writer.ToMemory().ToArray());
    }
}
