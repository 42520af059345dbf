namespace Registry.Projections.Postgres;

/// <summary>
/// The words a phrase of the vocabulary's making begins or ends with (<see cref="SearchVocabulary"/>): `'нур' <-> 'султан'`
/// ends with султан, `('лифт' | 'лифтм':*)` is either word, `'кен':*` any word it begins. Only the shapes the vocabulary
/// writes are read — operands side by side, each a word or a bracketed choice of words; anything else is null, and the
/// caller then does without.
/// </summary>
public static class TsQueryEdge
{
    public static IReadOnlyList<(string Lexeme, bool Prefix)>? Of(string query, bool last)
    {
        if (Tokens(query) is not { } tokens) return null;
        var parts = new List<List<Token>> { new() };
        var depth = 0;
        foreach (var token in tokens)
        {
            depth += token.Text switch { "(" => 1, ")" => -1, _ => 0 };
            if (depth == 0 && token.Text == "<->") parts.Add([]);
            else if (depth == 0 && token.Text is "|" or "&" or "!") return null;
            else parts[^1].Add(token);
        }
        var edge = last ? parts[^1] : parts[0];
        if (edge is [{ Operand: { } single }]) return [single];
        if (edge.Count < 3 || edge[0].Text != "(" || edge[^1].Text != ")") return null;
        var inside = edge[1..^1];
        var operands = new List<(string, bool)>();
        for (var i = 0; i < inside.Count; i++)
        {
            if (i % 2 == 0 && inside[i].Operand is { } operand) operands.Add(operand);
            else if (i % 2 == 1 && inside[i].Text == "|") continue;
            else return null;
        }
        return inside.Count % 2 == 1 ? operands : null;
    }

    sealed record Token(string Text, (string Lexeme, bool Prefix)? Operand = null);

    static List<Token>? Tokens(string query)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < query.Length;)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c)) i++;
            else if (c is '(' or ')' or '|' or '&' or '!') { tokens.Add(new(c.ToString())); i++; }
            else if (string.CompareOrdinal(query, i, "<->", 0, 3) == 0) { tokens.Add(new("<->")); i += 3; }
            else if (c == '\'')
            {
                var lexeme = new System.Text.StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= query.Length) return null;
                    if (query[i] == '\\' && i + 1 < query.Length) lexeme.Append(query[++i]);
                    else if (query[i] == '\'' && i + 1 < query.Length && query[i + 1] == '\'') lexeme.Append(query[++i]);
                    else if (query[i] == '\'') break;
                    else lexeme.Append(query[i]);
                }
                i++;
                var prefix = string.CompareOrdinal(query, i, ":*", 0, 2) == 0;
                if (prefix) i += 2;
                else if (i < query.Length && query[i] == ':') return null;
                tokens.Add(new("'", (lexeme.ToString(), prefix)));
            }
            else return null;
        }
        return tokens;
    }
}
